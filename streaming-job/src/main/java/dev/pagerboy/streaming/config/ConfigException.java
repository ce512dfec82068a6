package dev.pagerboy.streaming.config;

/**
 * A problem in {@code pagerboy.yaml}. The message always has the form {@code file:line: key:
 * problem}, e.g. {@code pagerboy.yaml:12: route.routes[0].group_wait: bad duration "5 m"}, so a
 * user can jump straight to the line.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String key;
    private final String problem;

    public ConfigException(String file, int line, String key, String problem) {
        super(file + ":" + line + ": " + key + ": " + problem);
        this.file = file;
        this.line = line;
        this.key = key;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** 1-based line number. */
    public int line() {
        return line;
    }

    /** Dotted path of the offending key, e.g. {@code route.routes[0].matchers[1]}. */
    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }
}
