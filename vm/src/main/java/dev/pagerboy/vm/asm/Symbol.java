package dev.pagerboy.vm.asm;

/** A name defined by the source: a numeric constant, a variable, a string constant or a label. */
final class Symbol {

    enum Kind {
        EQU,
        VARIABLE,
        EQUS,
        LABEL
    }

    final String name;
    final Kind kind;
    final SourceLocation defined;
    int value;
    String text;
    Section section;
    int offset;
    boolean exported;

    Symbol(String name, Kind kind, SourceLocation defined) {
        this.name = name;
        this.kind = kind;
        this.defined = defined;
    }
}
