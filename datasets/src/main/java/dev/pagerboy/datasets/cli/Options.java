package dev.pagerboy.datasets.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --name value} and {@code --flag} options of one subcommand, checked against the names
 * the subcommand knows, with typed getters that turn bad values into {@link UsageException}s.
 */
final class Options {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    static Options parse(List<String> args, Set<String> valued, Set<String> flagNames) {
        Options options = new Options();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (flagNames.contains(arg)) {
                options.flags.add(arg);
            } else if (valued.contains(arg)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(arg + " needs a value");
                }
                if (options.values.put(arg, args.get(++i)) != null) {
                    throw new UsageException(arg + " given twice");
                }
            } else if (arg.startsWith("--")) {
                throw new UsageException("unknown option " + arg);
            } else {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
        }
        return options;
    }

    boolean has(String name) {
        return values.containsKey(name) || flags.contains(name);
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new UsageException(name + " is required");
        }
        return value;
    }

    long longValue(String name, long fallback, long min) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number, got '" + value + "'");
        }
        if (parsed < min) {
            throw new UsageException(name + " must be at least " + min + ", got " + parsed);
        }
        return parsed;
    }

    double fraction(String name) {
        return number(name, 0, 0, 1);
    }

    double number(String name, double fallback, double min, double max) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number, got '" + value + "'");
        }
        if (!(parsed >= min && parsed <= max)) {
            throw new UsageException(
                    name + " must be between " + min + " and " + max + ", got " + value);
        }
        return parsed;
    }

    /** A duration such as 4h, 30m, 90s or 1500ms, in milliseconds. */
    long durationMs(String name, long fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new UsageException(
                    name + " must look like 4h, 30m, 90s or 1500ms, got '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 86_400_000;
        };
    }
}
