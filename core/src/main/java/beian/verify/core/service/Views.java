package beian.verify.core.service;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationRecord;
import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.port.in.ApplicationView;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Maps stored applications to what callers see, and page cursors to opaque tokens. */
final class Views {
    private static final String TOKEN_PREFIX = "after:";

    private Views() {
    }

    static ApplicationView of(ApplicationRecord a) {
        return new ApplicationView(a.id().value(), a.provider().value(), a.requestId().value(), a.type(),
                a.province().value(), a.status(), a.returnReason(), a.submittedAt(), a.deadline(),
                a.targets().stream().map(t -> new ApplicationView.TargetView(t.number(), t.roles(),
                        t.phone().masked(), t.status(), t.smsSentCount())).toList(),
                a.filingNumber() == null ? null : a.filingNumber().value(), a.rejectReason());
    }

    static String pageToken(ApplicationId last) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((TOKEN_PREFIX + last.value()).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor in a token ({@code null} for the first page). */
    static ApplicationId cursor(String pageToken) {
        if (pageToken == null || pageToken.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
            if (decoded.startsWith(TOKEN_PREFIX)) {
                return new ApplicationId(decoded.substring(TOKEN_PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new InvalidInputException("page_token", "is not a token this service handed out");
    }
}
