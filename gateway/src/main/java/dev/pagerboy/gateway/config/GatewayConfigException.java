package dev.pagerboy.gateway.config;

/** A problem in {@code pagerboy.yaml} as the gateway reads it: {@code file:line: key: problem}. */
public final class GatewayConfigException extends Exception {

    public GatewayConfigException(String file, int line, String key, String problem) {
        super(file + ":" + line + ": " + key + ": " + problem);
    }
}
