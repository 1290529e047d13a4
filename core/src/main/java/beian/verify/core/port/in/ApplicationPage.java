package beian.verify.core.port.in;

import java.util.List;

/** One page of applications; {@code nextPageToken} is opaque and {@code null} on the last page. */
public record ApplicationPage(List<ApplicationView> applications, String nextPageToken) {
    /** Largest page; a larger request is cut to it. */
    public static final int MAX_SIZE = 500;
    /** The page size when none is asked for. */
    public static final int DEFAULT_SIZE = 50;

    public ApplicationPage {
        applications = List.copyOf(applications);
    }
}
