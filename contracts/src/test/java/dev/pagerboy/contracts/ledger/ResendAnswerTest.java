package dev.pagerboy.contracts.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.contracts.ledger.TransactionSender.ResendAnswer;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthSendTransaction;

/** How a resend's answer is read, in the words of Anvil, geth and Besu. */
class ResendAnswerTest {

    @Test
    void aHashBackMeansTheNodeTookTheTransactionAgain() {
        EthSendTransaction ok = new EthSendTransaction();
        ok.setResult("0xabc");
        assertThat(ResendAnswer.of(ok)).isEqualTo(ResendAnswer.ACCEPTED);
    }

    @Test
    void alreadyKnownOrImportedMeansStillPooled() {
        assertThat(ResendAnswer.of(error("transaction already imported")))
                .isEqualTo(ResendAnswer.STILL_POOLED);
        assertThat(ResendAnswer.of(error("already known"))).isEqualTo(ResendAnswer.STILL_POOLED);
        assertThat(ResendAnswer.of(error("Known transaction")))
                .isEqualTo(ResendAnswer.STILL_POOLED);
    }

    @Test
    void nonceTooLowMeansTheNonceIsMined() {
        assertThat(ResendAnswer.of(error("nonce too low"))).isEqualTo(ResendAnswer.NONCE_USED);
        assertThat(ResendAnswer.of(error("Nonce is too low"))).isEqualTo(ResendAnswer.NONCE_USED);
    }

    @Test
    void anythingElseIsARefusalToWaitOut() {
        assertThat(ResendAnswer.of(error("replacement transaction underpriced")))
                .isEqualTo(ResendAnswer.REFUSED);
    }

    private static EthSendTransaction error(String message) {
        EthSendTransaction response = new EthSendTransaction();
        response.setError(new Response.Error(-32003, message));
        return response;
    }
}
