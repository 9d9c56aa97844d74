package vn.evn.cashless.api.web;

import java.beans.PropertyEditorSupport;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * How the API reads what clients send: JSON bodies strictly (a field the request does not have is refused, not
 * silently dropped, since a misspelt optional field would otherwise vanish; a number is not text) and every text, in bodies, paths and
 * query parameters, in Unicode NFC. Responses are written as before.
 */
@Configuration(proxyBeanMethods = false)
@ControllerAdvice
public class JsonRequests {

    /**
     * The JSON converter is replaced in its own place in the list: a converter bean would be put in front of all,
     * and would then write byte arrays and plain strings (the API description, say) as JSON.
     */
    @Bean
    ServerHttpMessageConvertersCustomizer strictJsonInPlace(JsonMapper jsonMapper) {
        JacksonJsonHttpMessageConverter strict = strictJsonConverter(jsonMapper);
        return builder -> builder.configureMessageConvertersList(converters -> {
            int json = -1;
            for (int i = 0; i < converters.size() && json < 0; i++) {
                if (converters.get(i) instanceof JacksonJsonHttpMessageConverter) {
                    json = i;
                }
            }
            if (json < 0) {
                converters.add(strict);
            } else {
                converters.set(json, strict);
            }
        });
    }

    /** Spring's own JSON mapper (the {@code spring.jackson.*} settings), strict about unknown fields. */
    private static JacksonJsonHttpMessageConverter strictJsonConverter(JsonMapper jsonMapper) {
        return new JacksonJsonHttpMessageConverter(jsonMapper.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // "name": 42 is a number, not text: refuse it rather than guess, as amounts refuse "10"
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(new SimpleModule("unicode-nfc").addDeserializer(String.class, new NfcStrings()))
                .build());
    }

    /** Path variables and query parameters bound as text. */
    @InitBinder
    void nfcParameters(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                setValue(UnicodeText.nfc(text));
            }
        });
    }

    /** Jackson's own reading of a string (with its coercion rules), then NFC. */
    private static final class NfcStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            return UnicodeText.nfc(super.deserialize(parser, context));
        }
    }
}
