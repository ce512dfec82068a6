package dev.pagerboy.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsrfTest {

    private final Csrf csrf = Csrf.withRandomKey();

    @Test
    void aTokenPassesForItsBrowserAndPurposeOnly() {
        String browser = csrf.newBrowserValue();
        String token = csrf.token(browser, "link\nN1");
        assertThat(csrf.valid(browser, "link\nN1", token)).isTrue();
        assertThat(csrf.valid(csrf.newBrowserValue(), "link\nN1", token))
                .as("other browser")
                .isFalse();
        assertThat(csrf.valid(browser, "link\nN2", token)).as("other link").isFalse();
        assertThat(csrf.valid(null, "link\nN1", token)).as("no cookie").isFalse();
        assertThat(csrf.valid(browser, "link\nN1", null)).as("no token").isFalse();
        assertThat(csrf.valid(browser, "link\nN1", token + "x")).isFalse();
    }

    @Test
    void anotherProcessKeyRejectsTheToken() {
        String browser = csrf.newBrowserValue();
        assertThat(Csrf.withRandomKey().valid(browser, "login", csrf.token(browser, "login")))
                .isFalse();
    }

    @Test
    void sessionsCannotBeForgedOrOutlived() {
        FormKey key = new FormKey();
        Sessions sessions = new Sessions(key, 1_000);
        String cookie = sessions.issue("alice", 10_000);
        assertThat(sessions.engineer(cookie, 10_500)).contains("alice");
        assertThat(sessions.engineer(cookie, 11_000)).isEmpty();
        assertThat(sessions.engineer(cookie.replace("alice", "bob!"), 10_500)).isEmpty();
        assertThat(new Sessions(new FormKey(), 1_000).engineer(cookie, 10_500)).isEmpty();
        assertThat(sessions.engineer("garbage", 10_500)).isEmpty();
    }
}
