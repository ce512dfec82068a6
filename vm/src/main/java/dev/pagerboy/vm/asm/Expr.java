package dev.pagerboy.vm.asm;

/**
 * A numeric expression as parsed from source. Labels in floating sections only get a value at link
 * time, so expressions are kept as trees and evaluated against a {@link Resolver} either at once
 * (constants) or by the linker (patches). Arithmetic is 32-bit, as in RGBDS.
 */
sealed interface Expr {

    int eval(Resolver resolver) throws Unresolved;

    SourceLocation location();

    /** Gives symbols and section addresses their values. */
    interface Resolver {
        int symbol(String name, SourceLocation where) throws Unresolved;

        int address(Section section, int offset, SourceLocation where) throws Unresolved;

        int bank(String name, SourceLocation where) throws Unresolved;

        boolean defined(String name);
    }

    /** Raised when a value is not known yet (a forward or floating label). */
    final class Unresolved extends Exception {
        final boolean fatal;
        final SourceLocation location;

        Unresolved(SourceLocation location, String message, boolean fatal) {
            super(message, null, false, false);
            this.location = location;
            this.fatal = fatal;
        }
    }

    record Num(int value, SourceLocation location) implements Expr {
        @Override
        public int eval(Resolver resolver) {
            return value;
        }
    }

    record Sym(String name, SourceLocation location) implements Expr {
        @Override
        public int eval(Resolver resolver) throws Unresolved {
            return resolver.symbol(name, location);
        }
    }

    /** {@code @}: the address of the start of the current instruction or data line. */
    record Here(Section section, int offset, SourceLocation location) implements Expr {
        @Override
        public int eval(Resolver resolver) throws Unresolved {
            return resolver.address(section, offset, location);
        }
    }

    record Unary(String op, Expr operand, SourceLocation location) implements Expr {
        @Override
        public int eval(Resolver resolver) throws Unresolved {
            int v = operand.eval(resolver);
            return switch (op) {
                case "-" -> -v;
                case "~" -> ~v;
                case "!" -> v == 0 ? 1 : 0;
                default -> v;
            };
        }
    }

    record Binary(String op, Expr left, Expr right, SourceLocation location) implements Expr {
        @Override
        public int eval(Resolver resolver) throws Unresolved {
            int a = left.eval(resolver);
            int b = right.eval(resolver);
            return switch (op) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                case "/", "%" -> {
                    if (b == 0) {
                        throw new Unresolved(location, "division by zero", true);
                    }
                    yield op.equals("/") ? Math.floorDiv(a, b) : Math.floorMod(a, b);
                }
                case "**" -> {
                    if (b < 0) {
                        throw new Unresolved(location, "negative exponent", true);
                    }
                    int r = 1;
                    for (int i = 0; i < b; i++) {
                        r *= a;
                    }
                    yield r;
                }
                case "<<" -> b >= 32 ? 0 : a << b;
                case ">>" -> a >> Math.min(b, 31);
                case ">>>" -> b >= 32 ? 0 : a >>> b;
                case "&" -> a & b;
                case "|" -> a | b;
                case "^" -> a ^ b;
                case "==" -> a == b ? 1 : 0;
                case "!=" -> a != b ? 1 : 0;
                case "<" -> a < b ? 1 : 0;
                case ">" -> a > b ? 1 : 0;
                case "<=" -> a <= b ? 1 : 0;
                case ">=" -> a >= b ? 1 : 0;
                case "&&" -> a != 0 && b != 0 ? 1 : 0;
                case "||" -> a != 0 || b != 0 ? 1 : 0;
                default -> throw new Unresolved(location, "unknown operator " + op, true);
            };
        }
    }

    /** {@code HIGH(x)}, {@code LOW(x)}, {@code DEF(name)}, {@code BANK(label)}. */
    record Call(String function, Expr argument, String symbolArgument, SourceLocation location)
            implements Expr {
        @Override
        public int eval(Resolver resolver) throws Unresolved {
            return switch (function) {
                case "HIGH" -> argument.eval(resolver) >> 8 & 0xFF;
                case "LOW" -> argument.eval(resolver) & 0xFF;
                case "DEF" -> resolver.defined(symbolArgument) ? 1 : 0;
                case "BANK" -> resolver.bank(symbolArgument, location);
                default -> throw new Unresolved(location, "unknown function " + function, true);
            };
        }
    }
}
