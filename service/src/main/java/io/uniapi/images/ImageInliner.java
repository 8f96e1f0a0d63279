package io.uniapi.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uniapi.errors.ImageInputException;
import io.uniapi.http.TransportException;
import io.uniapi.http.UpstreamHttp;
import io.uniapi.http.UpstreamResponse;
import io.uniapi.providers.ChatRequest;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Makes every {@code image_url} part of a chat request a checked base64 data URL, once per request and before any
 * attempt, so that every engine (and every failover candidate) gets the same bytes (behaviour reference §5.0):
 * {@code http(s)} URLs are fetched with a deadline and a size cap, data URLs are checked, and only PNG, JPEG and WebP
 * pass, recognised by their bytes (a wrongly declared type is corrected). Requests without images are returned as
 * they are, without copying.
 */
public final class ImageInliner {
    private final UpstreamHttp http;
    private final Duration deadline;
    private final int maxBytes;

    public ImageInliner(UpstreamHttp http, Duration deadline, int maxBytes) {
        this.http = http;
        this.deadline = deadline;
        this.maxBytes = maxBytes;
    }

    /**
     * @param proxy the proxy for fetching images (the global {@code preferences.proxy}), or null
     */
    public ChatRequest inline(ChatRequest request, String proxy) {
        if (!needsWork(request.body())) {
            return request;
        }
        ObjectNode body = request.body().deepCopy();
        for (JsonNode message : body.path("messages")) {
            for (JsonNode part : message.path("content")) {
                if (part instanceof ObjectNode object && "image_url".equals(part.path("type").asText())) {
                    String url = urlOf(object);
                    String inlined = inlined(url, proxy);
                    if (!inlined.equals(url)) {
                        ObjectNode imageUrl = object.get("image_url") instanceof ObjectNode existing
                                ? existing : object.putObject("image_url");
                        imageUrl.put("url", inlined);
                    }
                }
            }
        }
        return new ChatRequest(body, request.model(), request.stream(), request.includeUsage());
    }

    private static boolean needsWork(ObjectNode body) {
        for (JsonNode message : body.path("messages")) {
            JsonNode content = message.get("content");
            if (content != null && content.isArray()) {
                for (JsonNode part : content) {
                    if ("image_url".equals(part.path("type").asText())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String urlOf(ObjectNode part) {
        JsonNode imageUrl = part.get("image_url");
        JsonNode url = imageUrl != null && imageUrl.isTextual() ? imageUrl : imageUrl == null ? null : imageUrl.get("url");
        if (url == null || !url.isTextual() || url.textValue().isBlank()) {
            throw ImageInputException.invalid("An image_url part has no 'url'.");
        }
        return url.textValue().trim();
    }

    private String inlined(String url, String proxy) {
        if (url.regionMatches(true, 0, "data:", 0, 5)) {
            return checked(url);
        }
        if (url.regionMatches(true, 0, "http://", 0, 7) || url.regionMatches(true, 0, "https://", 0, 8)) {
            return fetched(url, proxy);
        }
        throw ImageInputException.invalid("An image_url must be an http(s) URL or a base64 data URL.");
    }

    private static String checked(String url) {
        DataUrl data = DataUrl.parseOrNull(url);
        if (data == null || data.base64().isEmpty()) {
            throw ImageInputException.invalid("An image data URL must look like data:image/png;base64,<data>.");
        }
        ImageFormat format = ImageFormat.sniffBase64(data.base64());
        if (format == null) {
            throw ImageInputException.unsupportedType("Unsupported image type (declared " + data.mediaType()
                    + "): only PNG, JPEG and WebP images are accepted.");
        }
        return format.mediaType().equals(data.mediaType()) ? url : new DataUrl(format.mediaType(), data.base64()).toUrl();
    }

    private String fetched(String url, String proxy) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ImageInputException.invalid("The image URL is not a valid URL.");
        }
        UpstreamResponse response;
        try {
            response = http.fetch(uri, Map.of("Accept", "image/png, image/jpeg, image/webp"), deadline, maxBytes, proxy);
        } catch (TransportException e) {
            if (e.kind() == TransportException.Kind.TIMEOUT) {
                throw ImageInputException.timedOut("Fetching the image at " + host(uri) + " took longer than "
                        + deadline.toSeconds() + " seconds.");
            }
            throw ImageInputException.invalid("The image at " + host(uri) + " could not be fetched: " + e.getMessage());
        }
        if (!response.successful()) {
            throw ImageInputException.invalid("The image at " + host(uri) + " could not be fetched: HTTP "
                    + response.status());
        }
        ImageFormat format = ImageFormat.sniff(response.body());
        if (format == null) {
            throw ImageInputException.unsupportedType("The image at " + host(uri) + " is not an accepted image: only PNG, JPEG and WebP are (got "
                    + response.header("content-type") + ").");
        }
        return new DataUrl(format.mediaType(), Base64.getEncoder().encodeToString(response.body())).toUrl();
    }

    /** Only the host goes into messages: URLs may carry signed query strings. */
    private static String host(URI uri) {
        return uri.getHost() == null ? "the given URL" : uri.getHost();
    }
}
