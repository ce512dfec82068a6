package dev.pagerboy.contracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.contracts.testing.AnvilExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LedgerCliTest {

    @RegisterExtension static final AnvilExtension anvil = new AnvilExtension();

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return new LedgerCli(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("help")).isZero();
        assertThat(out()).contains("deploy", "status", "bench", "Examples:");
        out.reset();
        assertThat(run("deploy", "--help")).isZero();
        assertThat(out()).contains("--rpc=URL", "--key=KEYFILE", "--writer=ADDRESS", "Examples:");
    }

    @Test
    void unknownCommandsAndBadFlagsExitWithStatus2AndAMessage() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err()).contains("Unmatched argument").contains("'frobnicate'");
        assertThat(run("deploy", "--rpc")).isEqualTo(2);
        assertThat(err()).contains("Missing required parameter for option '--rpc'");
        assertThat(run("status", "--rpc", anvil.rpcUrl())).isEqualTo(2);
        assertThat(err()).contains("Missing required option: '--address=ADDRESS'");
        assertThat(run("status", "--rpc", anvil.rpcUrl(), "--address", "0x12")).isEqualTo(2);
        assertThat(err())
                .contains(
                        "Invalid value for option '--address': must be a 0x-prefixed 20-byte hex"
                                + " address");
        assertThat(run("bench", "--batch", "zero")).isEqualTo(2);
        assertThat(err()).contains("Invalid value for option '--batch': needs a whole number");
        assertThat(err()).doesNotContain("Exception\n\tat ");
    }

    @Test
    void aBadUrlOrAMissingOrMalformedKeyIsOneLineAndStatus2(@TempDir Path dir) throws Exception {
        err.reset();
        assertThat(run("deploy", "--rpc", "notaurl", "--key", "/nonexistent/key")).isEqualTo(2);
        assertThat(err())
                .startsWith("pagerboy ledger deploy: Invalid value for option '--rpc':")
                .contains("got 'notaurl'");

        err.reset();
        assertThat(run("deploy", "--rpc", anvil.rpcUrl(), "--key", "/nonexistent/key"))
                .isEqualTo(2);
        assertThat(err())
                .isEqualTo("pagerboy ledger deploy: --key: no such file: /nonexistent/key\n");

        err.reset();
        Path bad = Files.writeString(dir.resolve("bad.key"), "not a key\n");
        assertThat(run("deploy", "--rpc", anvil.rpcUrl(), "--key", bad.toString())).isEqualTo(2);
        assertThat(err())
                .isEqualTo(
                        "pagerboy ledger deploy: --key: "
                                + bad
                                + " must hold a 32-byte private key as 64 hex digits\n");
    }

    @Test
    void asARealProcessABadUrlOrMissingKeyIsOneLineOnStderrAndStatus2() throws Exception {
        Process bad = ledgerProcess("deploy", "--rpc", "notaurl", "--key", "dev.key");
        assertThat(bad.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String badErr = new String(bad.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bad.exitValue()).isEqualTo(2);
        assertThat(badErr)
                .startsWith("pagerboy ledger deploy: Invalid value for option '--rpc'")
                .doesNotContain("\tat ");
        assertThat(badErr.lines()).hasSize(2);

        Process missing =
                ledgerProcess("deploy", "--rpc", anvil.rpcUrl(), "--key", "/nonexistent/dev.key");
        assertThat(missing.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(missing.exitValue()).isEqualTo(2);
        assertThat(new String(missing.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("pagerboy ledger deploy: --key: no such file: /nonexistent/dev.key\n");
    }

    private static Process ledgerProcess(String... args) throws java.io.IOException {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LedgerCli.class.getName());
        command.addAll(java.util.List.of(args));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Test
    void deploysAndReportsStatus(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("deployer.key");
        Files.writeString(key, anvil.account(0).privateKey() + "\n");

        assertThat(run("deploy", "--rpc", anvil.rpcUrl(), "--key", key.toString())).isZero();
        String address = out().trim();
        assertThat(address).matches("0x[0-9a-f]{40}");

        out.reset();
        assertThat(run("status", "--rpc", anvil.rpcUrl(), "--address", address)).isZero();
        assertThat(out())
                .contains("owner:     " + anvil.account(0).address())
                .contains("writers:   " + anvil.account(0).address())
                .contains("anchors:   0")
                .contains("no batch anchored yet");
    }

    @Test
    void statusOfAnUnreachableNodeIsAMessageAndStatus1() {
        assertThat(
                        run(
                                "status",
                                "--rpc",
                                "http://127.0.0.1:1",
                                "--address",
                                "0x" + "11".repeat(20)))
                .isEqualTo(1);
        assertThat(err()).contains("unreachable").contains("http://127.0.0.1:1");
    }

    @Test
    void benchEndsWithAKeyValueLineIncludingTheNaiveBaseline() {
        assertThat(run("bench", "--batch", "50", "--rounds", "2", "--naive", "5")).isZero();

        String[] lines = out().trim().split("\n");
        Map<String, String> last =
                Arrays.stream(lines[lines.length - 1].split(" "))
                        .map(kv -> kv.split("=", 2))
                        .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        assertThat(last)
                .containsKeys("acks_per_s", "gas_per_ack", "naive_acks_per_s", "naive_gas_per_ack");
        assertThat(last.get("batch")).isEqualTo("50");
        assertThat(Double.parseDouble(last.get("gas_per_ack")))
                .isLessThan(Double.parseDouble(last.get("naive_gas_per_ack")));
    }
}
