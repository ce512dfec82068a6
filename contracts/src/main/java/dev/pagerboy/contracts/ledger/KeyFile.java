package dev.pagerboy.contracts.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.web3j.crypto.Credentials;

/**
 * The one format of a ledger key file: a 32-byte private key as 64 hex digits (an optional {@code
 * 0x}) on the first non-blank line. Read by {@code ./pagerboy ledger} and by the job's anchoring
 * sink, so an operator writes one file for both.
 */
public final class KeyFile {

    private KeyFile() {}

    /**
     * The account whose key {@code file} holds.
     *
     * @throws IllegalArgumentException naming the file when it is unreadable or malformed
     */
    public static Credentials read(Path file) {
        String key;
        try {
            key =
                    Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                            .map(String::trim)
                            .filter(l -> !l.isEmpty())
                            .findFirst()
                            .orElse("");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the key file " + file + ": " + e, e);
        }
        String digits = key.startsWith("0x") ? key.substring(2) : key;
        if (!digits.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException(
                    file + " must hold a 32-byte private key as 64 hex digits");
        }
        return Credentials.create(digits);
    }
}
