package dev.pagerboy.dispatcher.config;

/**
 * A problem in {@code pagerboy.yaml} as the dispatcher reads it, worded like the job's config
 * errors: {@code file:line: dotted.key: what is wrong (expected ...)}.
 */
public final class ConfigException extends Exception {

    public ConfigException(String file, int line, String key, String problem) {
        super(file + ":" + line + ": " + key + ": " + problem);
    }
}
