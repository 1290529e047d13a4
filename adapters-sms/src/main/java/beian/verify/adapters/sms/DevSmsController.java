package beian.verify.adapters.sms;

import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.domain.PhoneNumber;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /dev/sms?phone=}: the stub carrier's inbox for one phone, newest first, whole texts and each
 * message's code apart, so scripts can verify without reading the Chinese text. Development environment
 * only, and only with the stub carrier.
 */
@Controller("/dev/sms")
@Requires(env = "dev")
@Requires(beans = StubSmsSender.class)
final class DevSmsController {

    /**
     * One message as the dev API shows it.
     *
     * @param code the code it carries; absent for messages kept from before the inbox recorded it
     */
    @Serdeable
    record DevSms(String phone, @Nullable String code, String text, Instant sentAt) {
    }

    private final StubSmsSender stub;

    DevSmsController(StubSmsSender stub) {
        this.stub = stub;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> sent(@QueryValue(defaultValue = "") String phone) {
        PhoneNumber number;
        try {
            number = PhoneNumber.of(phone);
        } catch (InvalidInputException e) {
            return HttpResponse.badRequest(Map.of("code", "INVALID_ARGUMENT", "field", "phone", "detail", "phone: " + e.reason()))
                    .contentType(MediaType.APPLICATION_JSON_PROBLEM);
        }
        List<DevSms> messages = stub.sentTo(number).stream()
                .map(m -> new DevSms(m.phone(), m.code(), m.text(), m.sentAt())).toList();
        return HttpResponse.ok(messages);
    }
}
