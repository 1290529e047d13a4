package beian.verify.app.e2e;

import beian.verify.core.testing.RecordingSmsSender;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

/**
 * The SMS carrier of app's tests: the core's recording one. End-to-end tests turn it on as the
 * carrier ({@code beian.test.recording-carrier=true}) to read the codes people would get; every
 * other app test gets it only as a fallback, so the service starts where no SMS adapter is built
 * in, and a real carrier bean wins wherever there is one.
 */
@Factory
class RecordingCarrierFactory {

    @Singleton
    @Primary
    @Requires(property = "beian.test.recording-carrier", value = "true")
    RecordingSmsSender recordingCarrier() {
        return new RecordingSmsSender();
    }

    @Singleton
    @Secondary
    @Requires(missingProperty = "beian.test.recording-carrier")
    RecordingSmsSender fallbackCarrier() {
        return new RecordingSmsSender();
    }
}
