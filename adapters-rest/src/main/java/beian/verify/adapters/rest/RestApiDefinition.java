package beian.verify.adapters.rest;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** What micronaut-openapi puts at the top of the generated description. */
@OpenAPIDefinition(info = @Info(
        title = "beian-verify public verification platform",
        version = "v1",
        description = "管局短信核验平台: captcha, 备案短信核验 and 短信重发. Errors are application/problem+json "
                + "(RFC 9457) with the stable error code in `code`."))
final class RestApiDefinition {
    private RestApiDefinition() {
    }
}
