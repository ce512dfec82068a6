package dev.pagerboy.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay R3 puts between the job and Anvil: relays, errs in both ways, and stops listening. */
class ErringRelayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer node;
    private ErringRelay relay;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void startNodeAndRelay() throws IOException {
        node = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        node.createContext(
                "/",
                ex -> {
                    byte[] in = ex.getRequestBody().readAllBytes();
                    byte[] out =
                            ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"node saw "
                                            + new String(in, StandardCharsets.UTF_8).length()
                                            + " chars\"}")
                                    .getBytes(StandardCharsets.UTF_8);
                    ex.sendResponseHeaders(200, out.length);
                    ex.getResponseBody().write(out);
                    ex.close();
                });
        node.start();
        relay = ErringRelay.start("http://127.0.0.1:" + node.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        relay.close();
        node.stop(0);
    }

    @Test
    void relaysEveryRequestToTheNodeByDefault() throws Exception {
        HttpResponse<String> answer = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\"}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"result\":\"node saw 37 chars\"");
        assertThat(relay.relayed()).isEqualTo(1);
        assertThat(relay.erred()).isZero();
    }

    @Test
    void erringAnswersAlternateBetweenHttp503AndAJsonRpcErrorPerRequestId() throws Exception {
        relay.mode(ErringRelay.Mode.ERRING);

        HttpResponse<String> first = post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"x\"}");
        HttpResponse<String> second =
                post(
                        "[{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"x\"},"
                                + "{\"jsonrpc\":\"2.0\",\"id\":\"nine\",\"method\":\"y\"}]");

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(second.statusCode()).isEqualTo(200);
        JsonNode errors = JSON.readTree(second.body());
        assertThat(errors.isArray()).isTrue();
        assertThat(errors.get(0).get("id").asInt()).isEqualTo(8);
        assertThat(errors.get(1).get("id").asText()).isEqualTo("nine");
        assertThat(errors.get(1).path("error").path("code").asInt())
                .isEqualTo(ErringRelay.ERROR_CODE);
        assertThat(errors.get(0).has("result")).isFalse();
        assertThat(relay.relayed()).as("no request reached the node").isZero();
        assertThat(relay.erred()).isEqualTo(2);

        relay.mode(ErringRelay.Mode.RELAYING);
        assertThat(post("{\"id\":1}").statusCode()).isEqualTo(200);
        assertThat(relay.relayed()).isEqualTo(1);
    }

    @Test
    void aStoppedRelayRefusesConnectionsAndListensAgainOnTheSamePort() throws Exception {
        String url = relay.rpcUrl();
        relay.stopListening();

        assertThatThrownBy(() -> post("{\"id\":1}")).isInstanceOf(ConnectException.class);

        relay.listen();
        assertThat(relay.rpcUrl()).isEqualTo(url);
        assertThat(post("{\"id\":1}").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> post(String body) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(relay.rpcUrl()))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
