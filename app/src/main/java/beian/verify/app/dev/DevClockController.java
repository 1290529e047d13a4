package beian.verify.app.dev;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** {@code GET /dev/clock} and {@code POST /dev/clock {"advanceSeconds": N}}: dev environment only. */
@Controller("/dev/clock")
@Requires(env = "dev")
class DevClockController {
    /** Ten years: far enough for any demo, and no overflow of the instant. */
    static final long MAX_ADVANCE_SECONDS = 10L * 366 * 24 * 3600;

    @Serdeable
    record Now(Instant now) {
    }

    @Serdeable
    record Advance(@Nullable Long advanceSeconds) {
    }

    private final DevClock clock;

    DevClockController(DevClock clock) {
        this.clock = clock;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    Now now() {
        return new Now(clock.now());
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> advance(@Body Advance request) {
        Long seconds = request.advanceSeconds();
        if (seconds == null || seconds < 0 || seconds > MAX_ADVANCE_SECONDS) {
            return HttpResponse.badRequest(Map.of("code", "INVALID_ARGUMENT", "field", "advanceSeconds",
                    "detail", "advanceSeconds: required, a whole number of seconds from 0 to " + MAX_ADVANCE_SECONDS
                            + " (the clock only moves forward)"))
                    .contentType(MediaType.APPLICATION_JSON_PROBLEM);
        }
        return HttpResponse.ok(new Now(clock.advance(Duration.ofSeconds(seconds))));
    }
}
