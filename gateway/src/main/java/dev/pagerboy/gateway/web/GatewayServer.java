package dev.pagerboy.gateway.web;

import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.AckLinkToken;
import dev.pagerboy.alerts.ack.AckLinkToken.Refusal;
import dev.pagerboy.alerts.ack.AckLinkToken.RefusedException;
import dev.pagerboy.gateway.ack.AckDesk;
import dev.pagerboy.gateway.ack.LedgerCheck;
import dev.pagerboy.gateway.config.PasswordHash;
import dev.pagerboy.gateway.config.RosterEngineer;
import dev.pagerboy.gateway.view.AnchorProof;
import dev.pagerboy.gateway.view.IncidentBoard;
import dev.pagerboy.gateway.view.IncidentCard;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The gateway's HTTP side (Javalin): the one-time link page ({@code GET /a/<token>}, which never
 * acts, since chat apps prefetch links) and its buttons ({@code POST}, with a CSRF token), the
 * login and the team view ({@code /incidents}). Every response carries a content security policy
 * that allows nothing but this origin's stylesheet and forms; cookies are HttpOnly and
 * SameSite=Strict; refusals and bad input get a 4xx page with one plain sentence, never a stack
 * trace.
 */
public final class GatewayServer implements AutoCloseable {

    /** How many requests one client address may make per minute. */
    public record Limits(int loginsPerMinute, int linkPostsPerMinute) {
        public static final Limits DEFAULTS = new Limits(10, 60);
    }

    private static final String CSP =
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
                    + " frame-ancestors 'none'; base-uri 'none'";
    private static final long SESSION_MILLIS = 12 * 3_600_000L;

    private final AckDesk desk;
    private final IncidentBoard board;
    private final LedgerCheck ledger;
    private final Map<String, RosterEngineer> engineers;
    private final Map<String, String> logins;
    private final Clock clock;
    private final Csrf csrf;
    private final Sessions sessions;
    private final RateLimiter loginLimit;
    private final RateLimiter linkLimit;
    private final boolean secureCookies;
    private final Javalin app;

    /** Writes the answer of a press whose ack Kafka now holds. */
    private final ExecutorService answers =
            Executors.newFixedThreadPool(
                    2,
                    r -> {
                        Thread t = new Thread(r, "gateway-answers");
                        t.setDaemon(true);
                        return t;
                    });

    public GatewayServer(
            AckDesk desk,
            IncidentBoard board,
            LedgerCheck ledger,
            Map<String, RosterEngineer> engineers,
            Map<String, String> logins,
            Limits limits,
            boolean secureCookies,
            Clock clock) {
        this.desk = desk;
        this.board = board;
        this.ledger = ledger;
        this.engineers = Map.copyOf(engineers);
        this.logins = Map.copyOf(logins);
        this.clock = clock;
        FormKey key = new FormKey();
        this.csrf = new Csrf(key);
        this.sessions = new Sessions(key, SESSION_MILLIS);
        this.loginLimit = new RateLimiter(limits.loginsPerMinute(), 60_000);
        this.linkLimit = new RateLimiter(limits.linkPostsPerMinute(), 60_000);
        this.secureCookies = secureCookies;
        this.app =
                Javalin.create(
                        cfg -> {
                            cfg.showJavalinBanner = false;
                            cfg.http.maxRequestSize = 16_384;
                        });
        app.before(this::headers);
        app.get("/app.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(Html.CSS));
        app.get("/", ctx -> ctx.redirect("/incidents"));
        app.get("/a/{token}", this::linkPage);
        app.post("/a/{token}", this::linkPress);
        app.get("/login", this::loginPage);
        app.post("/login", this::login);
        app.post("/logout", this::logout);
        app.get("/incidents", this::teamView);
        app.get("/incidents/{id}", this::incidentPage);
        app.post("/incidents/{id}/act", this::teamAct);
        app.post("/incidents/{id}/check", this::check);
        app.error(404, ctx -> plain(ctx, 404, "Not found", "There is nothing at this address."));
        app.error(
                405,
                ctx -> plain(ctx, 405, "Not allowed", "This address does not take that request."));
        app.exception(
                Exception.class,
                (e, ctx) ->
                        plain(
                                ctx,
                                500,
                                "Something went wrong",
                                "The gateway could not answer. Try again in a moment."));
    }

    /** Starts listening; {@code port} 0 picks a free one. */
    public GatewayServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        answers.shutdown();
    }

    private void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
    }

    // ---- one-time links ----

    private void linkPage(Context ctx) {
        Optional<AckLinkToken> opened = openLink(ctx);
        if (opened.isEmpty()) {
            return;
        }
        AckLinkToken token = opened.get();
        String browser = browserValue(ctx);
        Optional<IncidentCard> card = board.card(token.incidentId());
        StringBuilder buttons = new StringBuilder();
        String action = "/a/" + ctx.pathParam("token");
        for (AckAction a : List.of(AckAction.ACK, AckAction.RESOLVE)) {
            if (!desk.used(token, a)) {
                buttons.append(
                        Html.form(
                                action,
                                csrf.token(browser, "link\n" + token.nonce()),
                                a.word(),
                                a == AckAction.ACK ? "Acknowledge" : "Resolve",
                                a == AckAction.ACK ? "ack" : "resolve"));
            }
        }
        StringBuilder body = new StringBuilder();
        if (card.isPresent()) {
            IncidentCard c = card.get();
            body.append(Html.incidentHead(c, buttons.toString()));
            body.append("<p class=\"muted\">For ")
                    .append(Html.escape(token.engineer()))
                    .append(" · link valid until ")
                    .append(Html.time(token.expiresAtMillis()))
                    .append("</p>");
            body.append(Html.details(c)).append(Html.timeline(c.timeline()));
        } else {
            body.append("<h1 id=\"title\">Incident ")
                    .append(Html.escape(token.incidentId()))
                    .append("</h1><div class=\"actions\">")
                    .append(buttons)
                    .append("</div><p class=\"muted\">Details are on their way.</p>");
        }
        ctx.html(Html.page("Incident", body.toString(), false));
    }

    /** The path's one-time link if the desk accepts it; otherwise answers why not and empties. */
    private Optional<AckLinkToken> openLink(Context ctx) {
        try {
            return Optional.of(desk.open(ctx.pathParam("token")));
        } catch (RefusedException e) {
            refused(ctx, e.refusal());
            return Optional.empty();
        }
    }

    private void linkPress(Context ctx) {
        if (!linkLimit.allow(ctx.ip(), clock.millis())) {
            plain(ctx, 429, "Too many requests", "Too many attempts. Wait a minute and try again.");
            return;
        }
        Optional<AckLinkToken> opened = openLink(ctx);
        if (opened.isEmpty()) {
            return;
        }
        AckLinkToken token = opened.get();
        if (!csrf.valid(ctx.cookie(Csrf.COOKIE), "link\n" + token.nonce(), ctx.formParam("csrf"))) {
            plain(
                    ctx,
                    403,
                    "Open the link again",
                    "This form has expired. Open the link from your page again.");
            return;
        }
        Optional<AckAction> action = action(ctx.formParam("action"));
        if (action.isEmpty()) {
            plain(ctx, 400, "Unknown action", "Choose Acknowledge or Resolve.");
            return;
        }
        CompletableFuture<AckDesk.Outcome> outcome;
        try {
            outcome = desk.pressAsync(token, action.get());
        } catch (RefusedException e) {
            refused(ctx, e.refusal());
            return;
        }
        answer(ctx, outcome, action.get(), token.incidentId());
    }

    /**
     * Answers a press once Kafka holds its ack, without holding an HTTP thread while the broker
     * works: the page is written by {@link #answers}, not by the producer's network thread that
     * completes the send.
     */
    private void answer(
            Context ctx,
            CompletableFuture<AckDesk.Outcome> outcome,
            AckAction action,
            String incident) {
        ctx.future(() -> outcome.thenAcceptAsync(o -> done(ctx, o, action, incident), answers));
    }

    private void done(Context ctx, AckDesk.Outcome outcome, AckAction action, String incident) {
        switch (outcome) {
            case WRITTEN ->
                    ctx.html(
                            Html.message(
                                    action == AckAction.ACK ? "Acknowledged" : "Resolved",
                                    action == AckAction.ACK
                                            ? "Acknowledged. Escalation stops for incident "
                                                    + incident
                                                    + "."
                                            : "Resolved incident " + incident + ".",
                                    false));
            case ALREADY_USED -> refused(ctx, Refusal.USED);
            case UNKNOWN_ENGINEER ->
                    plain(
                            ctx,
                            403,
                            "Not on the roster",
                            "This link names someone who is not on call here.");
            case NOT_WRITTEN ->
                    plain(
                            ctx,
                            503,
                            "Not recorded",
                            "The acknowledgment could not be recorded. Nothing was sent; try again.");
        }
    }

    private void refused(Context ctx, Refusal refusal) {
        int status =
                switch (refusal) {
                    case MALFORMED -> 400;
                    case TAMPERED -> 403;
                    case EXPIRED, USED -> 410;
                };
        String title =
                switch (refusal) {
                    case MALFORMED -> "Not a link";
                    case TAMPERED -> "Link changed";
                    case EXPIRED -> "Link expired";
                    case USED -> "Already used";
                };
        plain(ctx, status, title, refusal.sentence());
    }

    // ---- login and team view ----

    private void loginPage(Context ctx) {
        String browser = browserValue(ctx);
        ctx.html(
                Html.page(
                        "Sign in",
                        "<h1>Sign in</h1><form method=\"post\" action=\"/login\">"
                                + "<input type=\"hidden\" name=\"csrf\" value=\""
                                + Html.escape(csrf.token(browser, "login"))
                                + "\"><label>Name<input name=\"name\" id=\"name\""
                                + " autocomplete=\"username\"></label><label>Password<input"
                                + " type=\"password\" name=\"password\" id=\"password\""
                                + " autocomplete=\"current-password\"></label><button"
                                + " type=\"submit\" class=\"ack\" id=\"signin\">Sign in</button></form>",
                        false));
    }

    private void login(Context ctx) {
        if (!loginLimit.allow(ctx.ip(), clock.millis())) {
            plain(ctx, 429, "Too many attempts", "Too many sign-in attempts. Wait a minute.");
            return;
        }
        if (!csrf.valid(ctx.cookie(Csrf.COOKIE), "login", ctx.formParam("csrf"))) {
            plain(ctx, 403, "Open the sign-in page again", "This form has expired.");
            return;
        }
        String name = Optional.ofNullable(ctx.formParam("name")).orElse("").strip();
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        String hash = logins.get(name);
        if (hash == null || !PasswordHash.matches(password.toCharArray(), hash)) {
            plain(ctx, 401, "Not signed in", "That name and password do not match.");
            return;
        }
        cookie(
                ctx,
                Sessions.COOKIE,
                sessions.issue(name, clock.millis()),
                (int) (SESSION_MILLIS / 1000));
        ctx.redirect("/incidents", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        cookie(ctx, Sessions.COOKIE, "", 0);
        ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private Optional<RosterEngineer> engineer(Context ctx) {
        return sessions.engineer(ctx.cookie(Sessions.COOKIE), clock.millis()).map(engineers::get);
    }

    private void teamView(Context ctx) {
        Optional<RosterEngineer> who = engineer(ctx);
        if (who.isEmpty()) {
            ctx.redirect("/login");
            return;
        }
        RosterEngineer me = who.get();
        String browser = browserValue(ctx);
        StringBuilder body = new StringBuilder();
        body.append("<p class=\"muted\">Signed in as ")
                .append(Html.escape(me.name()))
                .append(" (")
                .append(Html.escape(String.join(", ", me.teams())))
                .append(")</p><h1>Your team's incidents</h1>");
        List<IncidentCard> cards = board.forTeams(me.teams());
        if (cards.isEmpty()) {
            body.append("<p id=\"empty\">No incidents.</p>");
        }
        for (IncidentCard c : cards) {
            body.append("<div class=\"card\" id=\"i-").append(Html.escape(c.id())).append("\">");
            body.append("<a href=\"/incidents/")
                    .append(Html.escape(c.id()))
                    .append("\">")
                    .append(Html.escape(c.title()))
                    .append("</a> · ")
                    .append(Html.escape(Html.statusWord(c.status())))
                    .append(" · level ")
                    .append(c.level())
                    .append(" · paged ")
                    .append(Html.escape(String.join(", ", c.paged())))
                    .append(" · fired ")
                    .append(Html.time(c.firedAt()));
            if (!c.recordState().isEmpty()) {
                body.append(" · ").append(c.recordState());
            }
            if (c.open()) {
                body.append("<div class=\"actions small\">")
                        .append(teamButtons(c, browser))
                        .append("</div>");
            }
            body.append("</div>");
        }
        body.append(
                "<form method=\"post\" action=\"/logout\"><button type=\"submit\" class=\"check\">"
                        + "Sign out</button></form>");
        ctx.html(Html.page("Incidents", body.toString(), true));
    }

    private String teamButtons(IncidentCard c, String browser) {
        String token = csrf.token(browser, "incident\n" + c.id());
        String url = "/incidents/" + c.id() + "/act";
        return ("acknowledged".equals(c.status())
                        ? ""
                        : Html.form(url, token, "ack", "Acknowledge", "ack"))
                + Html.form(url, token, "resolve", "Resolve", "resolve");
    }

    /** The incident if the signed-in engineer's team owns it; otherwise answers and empties. */
    private Optional<IncidentCard> mine(Context ctx, RosterEngineer me) {
        Optional<IncidentCard> card = board.card(ctx.pathParam("id"));
        if (card.isEmpty() || card.get().teams().stream().noneMatch(me.teams()::contains)) {
            // The same answer for "no such incident" and "another team's": ids are not probed.
            plain(ctx, 403, "No access", "This incident is not one of your team's.");
            return Optional.empty();
        }
        return card;
    }

    private void incidentPage(Context ctx) {
        Optional<RosterEngineer> who = engineer(ctx);
        if (who.isEmpty()) {
            ctx.redirect("/login");
            return;
        }
        Optional<IncidentCard> card = mine(ctx, who.get());
        if (card.isEmpty()) {
            return;
        }
        IncidentCard c = card.get();
        String browser = browserValue(ctx);
        StringBuilder body =
                new StringBuilder(
                        "<p class=\"muted\"><a href=\"/incidents\">All incidents</a></p>");
        body.append(Html.incidentHead(c, c.open() ? teamButtons(c, browser) : ""));
        body.append(Html.details(c))
                .append(Html.timeline(c.timeline()))
                .append(Html.proofs(c.proofs()));
        if (!c.proofs().isEmpty()) {
            body.append("<div class=\"actions small\">")
                    .append(
                            Html.form(
                                    "/incidents/" + c.id() + "/check",
                                    csrf.token(browser, "incident\n" + c.id()),
                                    "check",
                                    "Check",
                                    "check"))
                    .append("</div>");
        }
        ctx.html(Html.page(c.title(), body.toString(), false));
    }

    /** An incident's form posted by a signed-in engineer of its team, its token valid. */
    private record TeamForm(RosterEngineer engineer, IncidentCard card) {}

    /**
     * The posted incident form if a signed-in engineer of the incident's team sent it with a valid
     * token; otherwise answers (401, 403) and empties.
     */
    private Optional<TeamForm> teamForm(Context ctx) {
        Optional<RosterEngineer> who = engineer(ctx);
        if (who.isEmpty()) {
            plain(ctx, 401, "Not signed in", "Sign in first.");
            return Optional.empty();
        }
        Optional<IncidentCard> card = mine(ctx, who.get());
        if (card.isEmpty()) {
            return Optional.empty();
        }
        if (!csrf.valid(
                ctx.cookie(Csrf.COOKIE), "incident\n" + card.get().id(), ctx.formParam("csrf"))) {
            plain(ctx, 403, "Open the page again", "This form has expired.");
            return Optional.empty();
        }
        return Optional.of(new TeamForm(who.get(), card.get()));
    }

    private void teamAct(Context ctx) {
        Optional<TeamForm> form = teamForm(ctx);
        if (form.isEmpty()) {
            return;
        }
        Optional<AckAction> action = action(ctx.formParam("action"));
        if (action.isEmpty()) {
            plain(ctx, 400, "Unknown action", "Choose Acknowledge or Resolve.");
            return;
        }
        String id = form.get().card().id();
        answer(
                ctx,
                desk.actAsync(id, form.get().engineer().name(), action.get()),
                action.get(),
                id);
    }

    private void check(Context ctx) {
        Optional<TeamForm> form = teamForm(ctx);
        if (form.isEmpty()) {
            return;
        }
        IncidentCard card = form.get().card();
        StringBuilder out = new StringBuilder("<h1>Check</h1>");
        for (AnchorProof p : card.proofs()) {
            LedgerCheck.Answer a = ledger.check(p);
            out.append("<p class=\"notice")
                    .append(a == LedgerCheck.Answer.VERIFIED ? "" : " refused")
                    .append("\" id=\"check-result\">")
                    .append(
                            switch (a) {
                                case VERIFIED -> "Verified: the ledger holds this acknowledgment.";
                                case NOT_VERIFIED ->
                                        "Not verified: the ledger does not hold this proof.";
                                case UNREACHABLE -> "The ledger cannot be reached right now.";
                                case NOT_CONFIGURED -> "No ledger is configured for checking.";
                            })
                    .append("</p>");
        }
        out.append("<p><a href=\"/incidents/")
                .append(Html.escape(card.id()))
                .append("\">Back</a></p>");
        ctx.html(Html.page("Check", out.toString(), false));
    }

    // ---- helpers ----

    private static Optional<AckAction> action(String word) {
        if ("ack".equals(word)) {
            return Optional.of(AckAction.ACK);
        }
        if ("resolve".equals(word)) {
            return Optional.of(AckAction.RESOLVE);
        }
        return Optional.empty();
    }

    /** The browser's form cookie, set now if it has none. */
    private String browserValue(Context ctx) {
        String v = ctx.cookie(Csrf.COOKIE);
        if (v == null || v.isEmpty() || v.length() > 64) {
            v = csrf.newBrowserValue();
            cookie(ctx, Csrf.COOKIE, v, -1);
        }
        return v;
    }

    private void cookie(Context ctx, String name, String value, int maxAge) {
        ctx.cookie(
                new Cookie(
                        name,
                        value,
                        "/",
                        maxAge,
                        secureCookies,
                        0,
                        true,
                        null,
                        null,
                        SameSite.STRICT));
    }

    private static void plain(Context ctx, int status, String title, String sentence) {
        ctx.status(status).html(Html.message(title, sentence, status >= 400));
    }
}
