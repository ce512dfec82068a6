package dev.pagerboy.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the ack gateway reads from {@code pagerboy.yaml}: the Kafka topics, the roster, the
 * receivers' teams and its own {@code gateway:} section. Immutable.
 *
 * @param file the configuration file, for messages
 * @param bootstrapServers {@code kafka.bootstrap_servers}
 * @param topics the topic names
 * @param engineers the roster by name
 * @param receiverTeams each receiver's team ({@code receivers[].team}), for pages to a receiver
 * @param url the gateway's public base URL ({@code gateway.url})
 * @param linkKeyFile the one-time link key shared with the dispatcher ({@code gateway.key_file})
 * @param signerKeyFile the secp256k1 key the gateway signs acks with ({@code
 *     gateway.signer_key_file}); its address must be in the job's {@code acks.gateway_signers}
 * @param logins password hashes by engineer name ({@code gateway.logins})
 * @param ledger where the Check button asks the chain, if configured
 */
public record GatewayConfig(
        String file,
        String bootstrapServers,
        GatewayTopics topics,
        Map<String, RosterEngineer> engineers,
        Map<String, String> receiverTeams,
        URI url,
        Path linkKeyFile,
        Path signerKeyFile,
        Map<String, String> logins,
        Optional<LedgerTarget> ledger) {

    public GatewayConfig {
        engineers = Map.copyOf(engineers);
        receiverTeams = Map.copyOf(receiverTeams);
        logins = Map.copyOf(logins);
    }

    /** The same configuration with another broker address. */
    public GatewayConfig withBootstrapServers(String servers) {
        return new GatewayConfig(
                file,
                servers,
                topics,
                engineers,
                receiverTeams,
                url,
                linkKeyFile,
                signerKeyFile,
                logins,
                ledger);
    }
}
