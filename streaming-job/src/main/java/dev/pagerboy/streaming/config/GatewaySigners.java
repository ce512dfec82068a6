package dev.pagerboy.streaming.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code acks.gateway_signers}: the addresses of the ack gateways the job trusts to sign for
 * an engineer who pressed a one-time link. An address in any case (EIP-55 included) is lowered.
 */
final class GatewaySigners {

    private GatewaySigners() {}

    static List<String> read(ConfigNode node) throws ConfigException {
        if (node == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (ConfigNode item : node.list()) {
            String address = item.string().toLowerCase(Locale.ROOT);
            if (!address.matches("0x[0-9a-f]{40}")) {
                throw item.error(
                        "must be a 0x-prefixed 20-byte address, not \"" + item.string() + "\"");
            }
            out.add(address);
        }
        return out;
    }
}
