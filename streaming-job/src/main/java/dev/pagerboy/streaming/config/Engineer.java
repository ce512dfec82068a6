package dev.pagerboy.streaming.config;

import java.io.Serializable;
import java.util.List;

/**
 * One engineer of the roster ({@code engineers:} in {@code pagerboy.yaml}): who may be paged by
 * name and whose signed acknowledgments the job accepts. The address is the key the engineer signs
 * with; an ack whose signer is on no roster entry is rejected.
 *
 * @param name unique name, as schedules and escalation steps ({@code users:}) refer to it
 * @param address the engineer's Ethereum address, lowercase {@code 0x} and 40 hex digits
 * @param teams the teams the engineer belongs to (informational, carried for audits)
 * @param receiver the receiver an engineer's pages are sent to ({@code notify:} in the file)
 */
public record Engineer(String name, String address, List<String> teams, String receiver)
        implements Serializable {

    public Engineer {
        teams = List.copyOf(teams);
    }
}
