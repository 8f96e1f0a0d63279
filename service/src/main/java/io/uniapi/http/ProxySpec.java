package io.uniapi.http;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A {@code proxy:} preference: {@code http://[user:pass@]host:port} or {@code socks5://[user:pass@]host:port}. */
public record ProxySpec(Type type, String host, int port, String user, String password) {

    public enum Type { HTTP, SOCKS5 }

    public static ProxySpec parse(String text) {
        URI uri;
        try {
            uri = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL (expected socks5://host:port or http://host:port)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Type type = switch (scheme) {
            case "http", "https" -> Type.HTTP;
            case "socks5", "socks5h" -> Type.SOCKS5;
            default -> throw new IllegalArgumentException("scheme '" + scheme + "' (expected socks5://, socks5h:// or http://)");
        };
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host (expected e.g. socks5://127.0.0.1:1080)");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : (type == Type.SOCKS5 ? 1080 : 80);
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        return new ProxySpec(type, uri.getHost(), port, user, password);
    }

    /** Without credentials, for logs. */
    @Override
    public String toString() {
        return type.name().toLowerCase(Locale.ROOT) + "://" + host + ":" + port;
    }
}
