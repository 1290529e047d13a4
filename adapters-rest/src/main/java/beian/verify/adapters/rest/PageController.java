package beian.verify.adapters.rest;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;

/** {@code GET /}: the verification platform page (备案短信核验, 短信重发), and its own CSS and script. */
@Controller
@Hidden
class PageController {
    private final StaticFiles files = new StaticFiles(Map.of(
            "index.html", "public/index.html",
            "platform.css", "public/platform.css",
            "platform.js", "public/platform.js",
            "emblem.svg", "public/emblem.svg"));

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<?> page() {
        return files.serve("index.html");
    }

    @Get("/static/{name}")
    HttpResponse<?> file(String name) {
        return files.serve(name);
    }
}
