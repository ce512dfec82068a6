package dev.pagerboy.dispatcher.payload;

import dev.pagerboy.dispatcher.page.Page;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one-line title every receiver type shows, in Alertmanager's default template's shape: {@code
 * [FIRING:2] alertname=HostDown cluster=eu1}, plus who is paged when an engineer is named.
 */
final class PageTitle {

    private PageTitle() {}

    static String of(Page page) {
        StringBuilder out = new StringBuilder();
        out.append('[').append(page.status().toUpperCase(java.util.Locale.ROOT));
        if (page.firing()) {
            long firing = page.alerts().stream().filter(a -> "firing".equals(a.status())).count();
            out.append(':').append(firing);
        }
        out.append(']');
        for (Map.Entry<String, String> e : new TreeMap<>(page.groupLabels()).entrySet()) {
            out.append(' ').append(e.getKey()).append('=').append(e.getValue());
        }
        if (!page.engineer().isEmpty()) {
            out.append(" (paging ").append(page.engineer());
            if (page.level() > 0) {
                out.append(", level ").append(page.level());
            }
            out.append(')');
        }
        return out.toString();
    }
}
