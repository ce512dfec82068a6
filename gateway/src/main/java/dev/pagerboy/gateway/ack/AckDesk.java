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
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Turns a button press into a signed ack on the {@code acks} topic, for a one-time link or a
 * logged-in engineer: checks that the engineer may act, claims the link's action (so a second
 * press, from another tab or a replayed form, writes nothing), signs for the engineer, and waits
 * until Kafka holds the record. A failed write gives the claim back.
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
        AckLinkToken t = open(token);
        RosterEngineer engineer = engineers.get(t.engineer());
        if (engineer == null) {
            return Outcome.UNKNOWN_ENGINEER;
        }
        if (!uses.claim(t.nonce(), action)) {
            throw new RefusedException(Refusal.USED);
        }
        Outcome o = write(t.incidentId(), engineer, action, t.nonce());
        if (o != Outcome.WRITTEN) {
            uses.release(t.nonce(), action);
        }
        return o;
    }

    /** Acts for a logged-in engineer (the team view); the caller has checked their team. */
    public Outcome act(String incidentId, String engineerName, AckAction action) {
        RosterEngineer engineer = engineers.get(engineerName);
        if (engineer == null) {
            return Outcome.UNKNOWN_ENGINEER;
        }
        return write(incidentId, engineer, action, "");
    }

    private Outcome write(
            String incidentId, RosterEngineer engineer, AckAction action, String nonce) {
        IncidentCard card = board.card(incidentId).orElse(null);
        String fingerprint =
                card != null && card.fingerprint().matches("[0-9a-f]{16}")
                        ? card.fingerprint()
                        : incidentId.substring(0, Math.min(16, incidentId.length()));
        AckText text =
                new AckText(incidentId, fingerprint, engineer.address(), action, clock.millis());
        String json = GatewaySigner.json(signer.sign(text), nonce);
        try {
            writer.write(incidentId, json).get(20, TimeUnit.SECONDS);
            return Outcome.WRITTEN;
        } catch (ExecutionException | TimeoutException e) {
            return Outcome.NOT_WRITTEN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.NOT_WRITTEN;
        }
    }
}
