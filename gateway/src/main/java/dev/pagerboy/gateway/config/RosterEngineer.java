package dev.pagerboy.gateway.config;

import java.util.List;

/**
 * An engineer of the roster ({@code engineers:}) as the gateway needs them: the address it signs
 * acks for, and the teams whose incidents they may see and act on.
 *
 * @param name roster name, as pages and logins name them
 * @param address lowercase {@code 0x} address
 * @param teams the engineer's teams
 */
public record RosterEngineer(String name, String address, List<String> teams) {

    public RosterEngineer {
        teams = List.copyOf(teams);
    }
}
