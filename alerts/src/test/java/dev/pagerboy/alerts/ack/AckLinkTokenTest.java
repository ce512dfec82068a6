package dev.pagerboy.alerts.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.alerts.ack.AckLinkToken.Refusal;
import dev.pagerboy.alerts.ack.AckLinkToken.RefusedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AckLinkTokenTest {

    private static final AckLinkTokenKey KEY =
            new AckLinkTokenKey("k".repeat(32).getBytes(StandardCharsets.UTF_8));
    private static final AckLinkTokenKey OTHER_KEY =
            new AckLinkTokenKey("o".repeat(32).getBytes(StandardCharsets.UTF_8));
    private static final String INCIDENT = "0123456789abcdef-1764547200000";
    private static final long T0 = 1_764_547_200_000L;
    private static final long EXPIRES = T0 + 3_600_000L;

    private static AckLinkToken page(String key) {
        return AckLinkToken.forPage(KEY, key, INCIDENT, "alice", EXPIRES);
    }

    private static Refusal refusal(String token, AckLinkTokenKey key, long now) {
        try {
            AckLinkToken.verify(token, key, now);
        } catch (RefusedException e) {
            return e.refusal();
        }
        return null;
    }

    @Test
    void aMintedTokenVerifiesToItsFields() throws RefusedException {
        AckLinkToken token = page("0123456789abcdef-1764547200000:0");
        AckLinkToken back = AckLinkToken.verify(token.mint(KEY), KEY, T0);
        assertThat(back).isEqualTo(token);
        assertThat(back.incidentId()).isEqualTo(INCIDENT);
        assertThat(back.engineer()).isEqualTo("alice");
        assertThat(back.expiresAtMillis()).isEqualTo(EXPIRES);
    }

    @Test
    void theTokenIsUrlSafeAndFollowsTheDocumentedFormat() {
        String minted = page("k1").mint(KEY);
        assertThat(minted).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
        String payload =
                new String(
                        Base64.getUrlDecoder().decode(minted.substring(0, minted.indexOf('.'))),
                        StandardCharsets.UTF_8);
        assertThat(payload.split("\n"))
                .containsExactly(
                        "pbl1", INCIDENT, "alice", Long.toString(EXPIRES), page("k1").nonce());
    }

    @Test
    void everyDeliveryOfOnePageGetsTheSameLinkAndPagesGetDifferentNonces() {
        assertThat(page("k1").mint(KEY)).isEqualTo(page("k1").mint(KEY));
        assertThat(page("k1").nonce()).isNotEqualTo(page("k2").nonce());
        assertThat(AckLinkToken.forPage(OTHER_KEY, "k1", INCIDENT, "alice", EXPIRES).nonce())
                .as("the nonce cannot be guessed without the key")
                .isNotEqualTo(page("k1").nonce());
    }

    @Test
    void aChangedPayloadIsTampered() {
        String minted = page("k1").mint(KEY);
        AckLinkToken forBob = new AckLinkToken(INCIDENT, "bob", EXPIRES, page("k1").nonce());
        String swapped =
                Base64.getUrlEncoder().withoutPadding().encodeToString(forBob.payload())
                        + minted.substring(minted.indexOf('.'));
        assertThat(refusal(swapped, KEY, T0)).isEqualTo(Refusal.TAMPERED);

        AckLinkToken later = new AckLinkToken(INCIDENT, "alice", EXPIRES * 2, page("k1").nonce());
        String extended =
                Base64.getUrlEncoder().withoutPadding().encodeToString(later.payload())
                        + minted.substring(minted.indexOf('.'));
        assertThat(refusal(extended, KEY, EXPIRES + 1)).isEqualTo(Refusal.TAMPERED);
    }

    @Test
    void aChangedMacOrAnotherKeyIsTampered() {
        String minted = page("k1").mint(KEY);
        char last = minted.charAt(minted.length() - 2);
        String flipped =
                minted.substring(0, minted.length() - 2)
                        + (last == 'A' ? 'B' : 'A')
                        + minted.charAt(minted.length() - 1);
        assertThat(refusal(flipped, KEY, T0)).isEqualTo(Refusal.TAMPERED);
        assertThat(refusal(minted, OTHER_KEY, T0)).isEqualTo(Refusal.TAMPERED);
    }

    @Test
    void anExpiredTokenIsRefusedFromItsExpiryOn() {
        String minted = page("k1").mint(KEY);
        assertThat(refusal(minted, KEY, EXPIRES - 1)).isNull();
        assertThat(refusal(minted, KEY, EXPIRES)).isEqualTo(Refusal.EXPIRED);
        assertThat(refusal(minted, KEY, EXPIRES + 86_400_000L)).isEqualTo(Refusal.EXPIRED);
    }

    @Test
    void garbageIsMalformed() {
        assertThat(refusal("", KEY, T0)).isEqualTo(Refusal.MALFORMED);
        assertThat(refusal("abc", KEY, T0)).isEqualTo(Refusal.MALFORMED);
        assertThat(refusal("a.b.c", KEY, T0)).isEqualTo(Refusal.MALFORMED);
        assertThat(refusal("!!!.???", KEY, T0)).isEqualTo(Refusal.MALFORMED);
        assertThat(refusal("x".repeat(5000), KEY, T0)).isEqualTo(Refusal.MALFORMED);
        String minted = page("k1").mint(KEY);
        assertThat(refusal(minted.substring(0, minted.length() - 3), KEY, T0))
                .isEqualTo(Refusal.MALFORMED);
    }

    @Test
    void aCorrectlySignedPayloadOfAnotherShapeIsMalformed() {
        byte[] payload = "pbl1\nonly\nthree".getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String token = b64.encodeToString(payload) + "." + b64.encodeToString(KEY.mac(payload));
        assertThat(refusal(token, KEY, T0)).isEqualTo(Refusal.MALFORMED);
    }

    @Test
    void eachActionOfALinkCanBeTakenOnce() {
        AckLinkTokenUses uses = new AckLinkTokenUses();
        String nonce = page("k1").nonce();
        assertThat(uses.claim(nonce, AckAction.ACK)).isTrue();
        assertThat(uses.claim(nonce, AckAction.ACK)).as("reuse").isFalse();
        assertThat(uses.claim(nonce, AckAction.RESOLVE)).as("the other action").isTrue();
        assertThat(uses.claim(page("k2").nonce(), AckAction.ACK)).as("another link").isTrue();
        uses.release(nonce, AckAction.ACK);
        assertThat(uses.claim(nonce, AckAction.ACK)).as("after a failed write").isTrue();
        uses.record(page("k3").nonce(), AckAction.ACK);
        assertThat(uses.claim(page("k3").nonce(), AckAction.ACK))
                .as("a use read back from the acks topic")
                .isFalse();
    }

    @Test
    void keysAreReadFromFilesAndMustBeLongEnough(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("link.key");
        Files.writeString(file, "k".repeat(32) + "\n");
        AckLinkTokenKey read = AckLinkTokenKey.read(file);
        assertThat(read.toString()).doesNotContain("kkkk");
        assertThat(page("k1").mint(read)).isEqualTo(page("k1").mint(KEY));
        Files.writeString(file, "short\n");
        assertThatThrownBy(() -> AckLinkTokenKey.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void fieldsAreChecked() {
        assertThatThrownBy(() -> new AckLinkToken(INCIDENT, "a\nb", EXPIRES, page("k").nonce()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AckLinkToken(INCIDENT, "alice", EXPIRES, "short"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
