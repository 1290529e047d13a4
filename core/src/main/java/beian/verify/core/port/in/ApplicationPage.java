package beian.verify.core.port.in;

import java.util.List;

/** One page of applications; {@code nextPageToken} is opaque and {@code null} on the last page. */
public record ApplicationPage(List<ApplicationView> applications, String nextPageToken) {
}
