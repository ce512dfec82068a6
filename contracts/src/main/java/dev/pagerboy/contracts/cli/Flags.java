package dev.pagerboy.contracts.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} flags of one subcommand, checked against the names it accepts. */
final class Flags {

    private final String command;
    private final Map<String, String> values;

    private Flags(String command, Map<String, String> values) {
        this.command = command;
        this.values = values;
    }

    static Flags parse(String command, List<String> args, List<String> allowed)
            throws UsageException {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new UsageException(
                        "ledger " + command + ": unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            if (!allowed.contains(name)) {
                throw new UsageException(
                        "ledger "
                                + command
                                + ": unknown flag '"
                                + arg
                                + "' (known: --"
                                + String.join(", --", allowed)
                                + ")");
            }
            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                throw new UsageException("ledger " + command + ": flag " + arg + " needs a value");
            }
            if (values.put(name, args.get(++i)) != null) {
                throw new UsageException("ledger " + command + ": flag " + arg + " given twice");
            }
        }
        return new Flags(command, values);
    }

    String required(String name) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            throw new UsageException("ledger " + command + ": missing --" + name);
        }
        return v;
    }

    String optional(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    int positiveInt(String name, int fallback) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(
                "ledger "
                        + command
                        + ": --"
                        + name
                        + " must be a positive integer, got '"
                        + v
                        + "'");
    }
}
