package dev.pagerboy.audit.commands;

import dev.pagerboy.audit.FindingsException;
import dev.pagerboy.audit.chain.ChainSession;
import dev.pagerboy.audit.render.AckVerificationView;
import dev.pagerboy.audit.verify.AckSelection;
import dev.pagerboy.audit.verify.AckVerification;
import dev.pagerboy.audit.verify.AckVerifier;
import org.jline.utils.AttributedString;
import org.springframework.shell.standard.ShellCommandGroup;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code ack verify}: the archived acknowledgments against the chain. */
@ShellComponent
@ShellCommandGroup("Acks")
public class AckCommands {

    private final AckVerifier verifier;

    private final ChainSession chain;

    public AckCommands(AckVerifier verifier, ChainSession chain) {
        this.verifier = verifier;
        this.chain = chain;
    }

    @ShellMethod(
            key = "ack verify",
            value =
                    "Recompute each archived ack's Merkle leaf and check its proof locally against"
                            + " the root on the chain and with the contract's verify view; exit"
                            + " status 1 if one fails. Examples: ack verify --all;"
                            + " ack verify --incident 9f86d081884c7d65-1764583200000;"
                            + " ack verify ack:acks/0/7")
    public AttributedString verify(
            @ShellOption(
                            help = "one ack: its leaf digest, ack or ack_receipt row id",
                            defaultValue = ShellOption.NULL)
                    String id,
            @ShellOption(help = "the acks of one incident", defaultValue = ShellOption.NULL)
                    String incident,
            @ShellOption(help = "every ack in the archive", defaultValue = "false") boolean all,
            @ShellOption(
                            help = "only acks at or after T (2026-12-01T10:00:00Z or 2026-12-01)",
                            defaultValue = ShellOption.NULL)
                    String since) {
        AckSelection selection = AckSelection.of(id, incident, all, since);
        AckVerification result = verifier.verify(selection);
        AttributedString report = AckVerificationView.render(result, !all);
        if (chain.keptChain().isPresent()) {
            report =
                    AttributedString.join(
                            AttributedString.EMPTY,
                            new AttributedString("chain: " + chain.keptChain().get() + "\n"),
                            report);
        }
        if (!result.clean()) {
            throw new FindingsException(report);
        }
        return report;
    }
}
