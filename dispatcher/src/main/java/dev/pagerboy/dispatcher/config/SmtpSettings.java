package dev.pagerboy.dispatcher.config;

/**
 * The SMTP relay e-mail receivers are delivered through.
 *
 * @param host the relay's host
 * @param port its port
 * @param from the sender address of every page
 */
public record SmtpSettings(String host, int port, String from) {

    public static final SmtpSettings DEFAULT =
            new SmtpSettings("localhost", 25, "pagerboy@localhost");
}
