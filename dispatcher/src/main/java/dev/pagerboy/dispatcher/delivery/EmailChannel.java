package dev.pagerboy.dispatcher.delivery;

import dev.pagerboy.dispatcher.config.SmtpSettings;
import dev.pagerboy.dispatcher.page.Page;
import dev.pagerboy.dispatcher.payload.AckLinks;
import dev.pagerboy.dispatcher.payload.EmailContent;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * E-mail receivers: one SMTP transaction per attempt with a multipart/alternative message (plain
 * text and HTML) whose {@code Message-ID} comes from the idempotency key, so a mail system that
 * drops repeated Message-IDs (or a person's client threading them) sees one page. SMTP's own reply
 * classes decide retries: 4xx is transient, 5xx permanent; a connection that fails is retried.
 */
public final class EmailChannel implements Channel {

    private final Session session;
    private final InternetAddress from;
    private final List<String> to;
    private final AckLinks links;

    public EmailChannel(SmtpSettings smtp, List<String> to, AckLinks links, Duration timeout) {
        Properties p = new Properties();
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", String.valueOf(smtp.port()));
        String ms = String.valueOf(timeout.toMillis());
        p.put("mail.smtp.connectiontimeout", ms);
        p.put("mail.smtp.timeout", ms);
        p.put("mail.smtp.writetimeout", ms);
        this.session = Session.getInstance(p);
        try {
            this.from = new InternetAddress(smtp.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("dispatcher.smtp.from: " + e.getMessage(), e);
        }
        this.to = List.copyOf(to);
        this.links = links;
    }

    @Override
    public void deliver(Page page) throws DeliveryFailure {
        EmailContent content = EmailContent.of(page, links);
        try {
            MimeMessage message = new FixedIdMessage(session, content.messageId());
            message.setFrom(from);
            Address[] recipients = new Address[to.size()];
            for (int i = 0; i < to.size(); i++) {
                recipients[i] = new InternetAddress(to.get(i), true);
            }
            message.setRecipients(MimeMessage.RecipientType.TO, recipients);
            message.setSubject(content.subject(), "UTF-8");
            message.setSentDate(new Date(page.eventTime()));
            message.setHeader("X-PagerBoy-Idempotency-Key", page.idempotencyKey());
            MimeBodyPart text = new MimeBodyPart();
            text.setText(content.text(), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(content.html(), "UTF-8", "html");
            MimeMultipart alternative = new MimeMultipart("alternative", text, html);
            message.setContent(alternative);
            Transport.send(message);
        } catch (AddressException e) {
            throw new FinalFailure("bad address: " + e.getMessage());
        } catch (MessagingException e) {
            throw classify(e);
        }
    }

    /**
     * SMTP reply class 5 is permanent (RFC 5321 §4.2.1); anything else may pass later. Jakarta Mail
     * chains the per-recipient failures as the causes of a send failure.
     */
    static DeliveryFailure classify(MessagingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            int code = replyCode(t);
            if (code >= 500) {
                return new FinalFailure("SMTP " + code + ": " + oneLine(t.getMessage()));
            }
            if (code >= 400) {
                return new RetryableFailure("SMTP " + code + ": " + oneLine(t.getMessage()));
            }
        }
        return new RetryableFailure("SMTP: " + oneLine(e.getMessage()));
    }

    private static int replyCode(Throwable t) {
        if (t instanceof SMTPSendFailedException s) {
            return s.getReturnCode();
        }
        if (t instanceof SMTPAddressFailedException a) {
            return a.getReturnCode();
        }
        if (t instanceof SMTPSenderFailedException s) {
            return s.getReturnCode();
        }
        return -1;
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    /** A message whose Message-ID is ours; Jakarta Mail would otherwise make a random one. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
