package dev.pagerboy.vm.asm;

/** A point in a source file, printed the way compilers do: {@code file:line:column}. */
public record SourceLocation(String file, int line, int column) {

    /** The same line at another (1-based) column. */
    public SourceLocation at(int newColumn) {
        return new SourceLocation(file, line, newColumn);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
