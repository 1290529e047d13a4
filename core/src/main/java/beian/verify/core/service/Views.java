package beian.verify.core.service;

import beian.verify.core.domain.ApplicationFacts;
import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationState;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.InputField;
import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.Failure;
import beian.verify.core.port.in.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Maps stored applications to what callers see, and page cursors to opaque tokens. */
final class Views {
    private static final String TOKEN_PREFIX = "after:";

    private Views() {
    }

    static ApplicationView of(ApplicationState a) {
        ApplicationFacts f = a.facts();
        return new ApplicationView(f.id().value(), f.provider().value(), f.requestId().value(), f.type(),
                f.province().value(), a.status(), a.progress().returnReason(), f.submittedAt(), f.deadline(),
                a.targets().stream().map(t -> new ApplicationView.TargetView(t.number(), t.roles(),
                        t.phone().masked(), t.status(), t.smsSentCount())).toList(),
                a.progress().filingNumber() == null ? null : a.progress().filingNumber().value(),
                a.progress().rejectReason());
    }

    /** The answer for an application that does not exist or that the caller may not see: the same. */
    static <T> Outcome<T> notFound(ApplicationId id) {
        return Outcome.failed(Failure.of(ErrorCode.APPLICATION_NOT_FOUND, "no application " + id));
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
        } catch (IllegalArgumentException | InvalidInputException e) {
            // not base64, or not an application id: the same answer as any other foreign token
        }
        throw new InvalidInputException(InputField.PAGE_TOKEN, "is not a token this service handed out");
    }
}
