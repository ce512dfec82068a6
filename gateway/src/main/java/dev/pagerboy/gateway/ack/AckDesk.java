package dev.pagerboy.gateway.ack;

import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.AckLinkToken;
import dev.pagerboy.alerts.ack.AckLinkToken.Refusal;
import dev.pagerboy.alerts.ack.AckLinkToken.RefusedException;
import dev.pagerboy.alerts.ack.AckLinkTokenKey;
import dev.pagerboy.alerts.ack.AckLinkTokenUses;
import dev.pagerboy.alerts.ack.AckText;
import dev.pagerboy.gateway.config.RosterEngineer;
import dev.pagerboy.gateway.view.IncidentBoard;
import dev.pagerboy.gateway.view.IncidentCard;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Turns a button press into a signed ack on the {@code acks} topic, for a one-time link or a
 * logged-in engineer: checks that the engineer may act, claims the link's action (so a second
 * press, from another tab or a replayed form, writes nothing), signs for the engineer, and reports
 * the press done once Kafka holds the record. A failed write gives the claim back.
 */
public final class AckDesk {

    /** What became of a press. */
    public enum Outcome {
        /** The ack is on the topic. */
        WRITTEN,
        /** The action of this link was already taken. */
        ALREADY_USED,
        /** The engineer is not on the roster. */
        UNKNOWN_ENGINEER,
        /** Kafka did not take the record in time; nothing is claimed. */
        NOT_WRITTEN
    }

    /** How long a press waits for Kafka before it is reported not written. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(20);

    private final AckLinkTokenKey linkKey;
    private final AckLinkTokenUses uses;
    private final GatewaySigner signer;
    private final AckWriter writer;
    private final IncidentBoard board;
    private final Map<String, RosterEngineer> engineers;
    private final Clock clock;

    public AckDesk(
            AckLinkTokenKey linkKey,
            AckLinkTokenUses uses,
            GatewaySigner signer,
            AckWriter writer,
            IncidentBoard board,
            Map<String, RosterEngineer> engineers,
            Clock clock) {
        this.linkKey = linkKey;
        this.uses = uses;
        this.signer = signer;
        this.writer = writer;
        this.board = board;
        this.engineers = Map.copyOf(engineers);
        this.clock = clock;
    }

    /** Checks a link token: well-formed, ours, in date. Does not look at uses. */
    public AckLinkToken open(String token) throws RefusedException {
        return AckLinkToken.verify(token, linkKey, clock.millis());
    }

    /** Whether {@code action} of the link was taken. */
    public boolean used(AckLinkToken token, AckAction action) {
        return uses.used(token.nonce(), action);
    }

    /** Presses {@code action} on a link: at most once per link and action. */
    public Outcome press(String token, AckAction action) throws RefusedException {
        return pressAsync(open(token), action).join();
    }

    /**
     * As {@link #press}, for a token that {@link #open} accepted (the server opens it once, to
     * check the form's CSRF token against the link), without waiting for Kafka: the action is
     * claimed and the ack signed on the calling thread; the future completes once the broker has
     * the record (the claim is given back if it does not).
     */
    public CompletableFuture<Outcome> pressAsync(AckLinkToken t, AckAction action)
            throws RefusedException {
        RosterEngineer engineer = engineers.get(t.engineer());
        if (engineer == null) {
            return CompletableFuture.completedFuture(Outcome.UNKNOWN_ENGINEER);
        }
        if (!uses.claim(t.nonce(), action)) {
            throw new RefusedException(Refusal.USED);
        }
        return write(t.incidentId(), engineer, action, t.nonce())
                .thenApply(
                        o -> {
                            if (o != Outcome.WRITTEN) {
                                uses.release(t.nonce(), action);
                            }
                            return o;
                        });
    }

    /** Acts for a logged-in engineer (the team view); the caller has checked their team. */
    public Outcome act(String incidentId, String engineerName, AckAction action) {
        return actAsync(incidentId, engineerName, action).join();
    }

    /** As {@link #act}, completing once the broker has the record. */
    public CompletableFuture<Outcome> actAsync(
            String incidentId, String engineerName, AckAction action) {
        RosterEngineer engineer = engineers.get(engineerName);
        if (engineer == null) {
            return CompletableFuture.completedFuture(Outcome.UNKNOWN_ENGINEER);
        }
        return write(incidentId, engineer, action, "");
    }

    private CompletableFuture<Outcome> write(
            String incidentId, RosterEngineer engineer, AckAction action, String nonce) {
        IncidentCard card = board.card(incidentId).orElse(null);
        String fingerprint =
                card != null && card.fingerprint().matches("[0-9a-f]{16}")
                        ? card.fingerprint()
                        : incidentId.substring(0, Math.min(16, incidentId.length()));
        CompletableFuture<Void> written;
        try {
            AckText text =
                    new AckText(
                            incidentId, fingerprint, engineer.address(), action, clock.millis());
            written = writer.write(incidentId, GatewaySigner.json(signer.sign(text), nonce));
        } catch (RuntimeException e) {
            // A producer that is closed or cannot get metadata throws instead of failing the send.
            written = CompletableFuture.failedFuture(e);
        }
        return written.orTimeout(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .handle((done, error) -> error == null ? Outcome.WRITTEN : Outcome.NOT_WRITTEN);
    }
}
