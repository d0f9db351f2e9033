package dev.casewright.connect;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DescriptorController {

    static final String PATH = "/atlassian-connect.json";

    private final ConnectDescriptor descriptor;

    DescriptorController(ConnectDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> descriptor() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(descriptor.bytes());
    }
}
