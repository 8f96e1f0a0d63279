package io.uniapi.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;

/** The client's IP as uni-api records it: first of X-Forwarded-For, else X-Real-IP, else the socket peer. */
final class ClientAddress {
    private ClientAddress() {
    }

    static String of(ContainerRequestContext request, HttpServletRequest servlet) {
        String forwarded = request.getHeaderString("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",", 2)[0].trim();
        }
        String realIp = request.getHeaderString("X-Real-IP");
        if (realIp != null && !realIp.isBlank()) {
            return realIp.trim();
        }
        return servlet == null ? null : servlet.getRemoteAddr();
    }
}
