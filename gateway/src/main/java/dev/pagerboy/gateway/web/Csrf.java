package dev.pagerboy.gateway.web;

/**
 * CSRF tokens for every form: the token is an HMAC, under the process's {@link FormKey}, of the
 * form's purpose and a random value the browser holds in an HttpOnly, SameSite=Strict cookie. A
 * cross-site page can neither read that cookie nor make the browser send it, so it cannot build a
 * POST that passes; and a token for one link or incident does not pass for another.
 */
public final class Csrf {

    /** The cookie that binds forms to this browser. */
    public static final String COOKIE = "pb_form";

    private final FormKey key;

    Csrf(FormKey key) {
        this.key = key;
    }

    /** A new value for the {@link #COOKIE} cookie. */
    String newBrowserValue() {
        return key.randomValue();
    }

    /** The token of a form for {@code purpose} (e.g. the link's nonce) in a browser. */
    public String token(String browserValue, String purpose) {
        return key.sign("csrf\n" + purpose + "\n" + browserValue);
    }

    /** Whether a POST's token matches its browser cookie and purpose. */
    public boolean valid(String browserValue, String purpose, String token) {
        return browserValue != null
                && !browserValue.isEmpty()
                && key.verify("csrf\n" + purpose + "\n" + browserValue, token);
    }

    /** For tests: a CSRF guard with its own random key. */
    public static Csrf withRandomKey() {
        return new Csrf(new FormKey());
    }
}
