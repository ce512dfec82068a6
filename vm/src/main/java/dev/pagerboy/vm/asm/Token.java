package dev.pagerboy.vm.asm;

/** One lexical token of a source line; {@code column} is 1-based. */
record Token(Kind kind, String text, int number, int column) {

    enum Kind {
        IDENT,
        NUMBER,
        STRING,
        OP,
        EOL
    }

    boolean is(String op) {
        return kind == Kind.OP && text.equals(op);
    }

    boolean isIdent(String name) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(name);
    }

    boolean isValue() {
        return kind == Kind.IDENT
                || kind == Kind.NUMBER
                || kind == Kind.STRING
                || is(")")
                || is("]");
    }
}
