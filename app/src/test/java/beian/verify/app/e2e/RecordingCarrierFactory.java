package beian.verify.app.e2e;

import beian.verify.core.testing.RecordingSmsSender;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The SMS carrier of app's end-to-end tests: the core's recording one, turned on with
 * {@code beian.test.recording-carrier=true} to read the codes people would get. Every other app
 * test runs on the configured carrier (the stub by default).
 */
@Factory
class RecordingCarrierFactory {

    @Singleton
    @Primary
    @Requires(property = "beian.test.recording-carrier", value = "true")
    RecordingSmsSender recordingCarrier() {
        return new RecordingSmsSender();
    }
}
