package beian.verify.adapters.rest;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Properties;

/**
 * The OpenAPI description written at compile time by micronaut-openapi, and Swagger UI to read it,
 * served from the service itself (the CSP allows no third-party script). {@code beian.rest.openapi.enabled:
 * false} takes both away (the shipped application.yml does, outside the dev environment).
 */
@Controller("/openapi")
@Requires(property = OpenApiController.ENABLED, notEquals = "false")
@Hidden
class OpenApiController {
    static final String ENABLED = "beian.rest.openapi.enabled";

    static final String SPEC = "beian-verify-rest.yml";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";

    private final StaticFiles files;

    OpenApiController() {
        String ui = WEBJAR + swaggerUiVersion() + "/";
        files = new StaticFiles(Map.of(
                SPEC, "META-INF/swagger/" + SPEC,
                "index.html", "openapi-viewer/index.html",
                "viewer.js", "openapi-viewer/viewer.js",
                "swagger-ui.css", ui + "swagger-ui.css",
                "swagger-ui-bundle.js", ui + "swagger-ui-bundle.js"));
    }

    /** The webjar's folder carries its version; its Maven metadata says which. */
    private static String swaggerUiVersion() {
        try (InputStream in = OpenApiController.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "missing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get
    HttpResponse<?> viewer() {
        return HttpResponse.seeOther(URI.create("/openapi/viewer/"));
    }

    @Get("/" + SPEC)
    HttpResponse<?> spec() {
        return files.serve(SPEC);
    }

    @Get("/viewer/")
    HttpResponse<?> viewerPage() {
        return files.serve("index.html");
    }

    @Get("/viewer/{name}")
    HttpResponse<?> viewerFile(String name) {
        return files.serve(name);
    }
}
