package dev.pagerboy.vm.asm;

/** One assembly or link error, printed as {@code file:line:column: message}. */
public record AsmError(SourceLocation location, String message) {

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
