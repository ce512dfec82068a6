package dev.pagerboy.vm.asm;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a build had errors; carries every one of them, in source order. */
public final class AssemblyException extends Exception {

    private final List<AsmError> errors;

    public AssemblyException(List<AsmError> errors) {
        super(errors.stream().map(AsmError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<AsmError> errors() {
        return errors;
    }
}
