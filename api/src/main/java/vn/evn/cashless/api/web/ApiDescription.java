package vn.evn.cashless.api.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} (try-it page at {@code /swagger-ui.html}). Springdoc derives the
 * paths and the request and response schemas from the controllers; the rejections come from here, by rules that
 * follow from how every request is handled, so no endpoint can forget one:
 * <ul>
 *   <li>every {@code /api} request signs in (401), and all but {@code /api/status} check roles (403);</li>
 *   <li>a request with a parameter or a body can be malformed (400); one with a path variable names something
 *       that may not exist (404);</li>
 *   <li>a body can be too large (413) or of the wrong type (415);</li>
 *   <li>a command can meet what exists already (409) or break a business rule (422).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class ApiDescription {

    private static final String PROBLEM = "Problem";
    private static final String BASIC = "basic";

    @Bean
    OpenAPI ledgerApi() {
        return new OpenAPI()
                .info(new Info().title("Cashless payment ledger").version("1")
                        .description("Customers, bills, payments, plans and the figures a branch is measured by. "
                                + "Every rejection is an RFC 9457 problem body (application/problem+json) with a "
                                + "stable `code`, the `field` at fault and the `reason`."))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }

    @Bean
    OpenApiCustomizer rejectionsOfEveryEndpoint() {
        return api -> {
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    rejectionsOf(path, method, operation).forEach((status, description) -> {
                        ApiResponses responses = operation.getResponses() == null ? new ApiResponses()
                                : operation.getResponses();
                        responses.computeIfAbsent(String.valueOf(status), key -> problem(description));
                        operation.setResponses(responses);
                    })));
        };
    }

    /** The statuses a request to {@code path} with {@code method} can be refused with, and why. */
    static Map<Integer, String> rejectionsOf(String path, PathItem.HttpMethod method, Operation operation) {
        Map<Integer, String> statuses = new TreeMap<>();
        if (!path.startsWith("/api/")) {
            return statuses;
        }
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasParameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
        boolean hasPathVariable = hasParameters
                && operation.getParameters().stream().anyMatch(p -> "path".equals(p.getIn()));
        statuses.put(401, "UNAUTHENTICATED: no or wrong credentials");
        if (!path.equals("/api/status")) {
            statuses.put(403, "ACCESS_DENIED: the signed-in user's roles, branch or provider do not allow it");
        }
        if (hasBody || hasParameters) {
            statuses.put(400, "INVALID_VALUE: a parameter or field is missing or malformed; `field` names it");
        }
        if (hasPathVariable) {
            statuses.put(404, "What the path names does not exist (BRANCH_NOT_FOUND, CUSTOMER_NOT_FOUND, ...)");
        }
        if (hasBody) {
            statuses.put(413, "CONTENT_TOO_LARGE: the body is larger than the endpoint accepts");
            statuses.put(415, "UNSUPPORTED_MEDIA_TYPE: the body is not of a type the endpoint reads");
        }
        boolean command = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.DELETE;
        if (command) {
            statuses.put(409, "A conflict with what exists (already exists, reference held by another payment, "
                    + "already reversed, concurrent change)");
            if (!path.startsWith("/api/admin/")) {
                statuses.put(422, "A business rule refuses it (PAYMENT_ABOVE_OUTSTANDING, "
                        + "COMMUNE_OF_ANOTHER_BRANCH, TIME_BEFORE_FACT)");
            }
        }
        return statuses;
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                "application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/"
                        + PROBLEM))));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().description("a URI per code"));
        properties.put("title", new StringSchema());
        properties.put("status", new IntegerSchema());
        properties.put("detail", new StringSchema().description("the field and the reason, for people"));
        properties.put("instance", new StringSchema());
        properties.put("code", new StringSchema().description("the stable code clients switch on"));
        properties.put("field", new StringSchema().description("the parameter or body field at fault, if one is"));
        properties.put("reason", new StringSchema());
        properties.put("errors", new io.swagger.v3.oas.models.media.ArraySchema().items(new ObjectSchema()
                .addProperty("field", new StringSchema()).addProperty("reason", new StringSchema())));
        return new ObjectSchema().description("RFC 9457 problem details").properties(properties);
    }
}
