package dev.casewright.generation;

import dev.casewright.tenancy.TenantId;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.springframework.stereotype.Component;

/** Model calls on behalf of a tenant. */
@Component
class ModelCalls {

    private final ChatModels models;

    ModelCalls(ChatModels models) {
        this.models = models;
    }

    ChatResponse call(TenantId tenant, ModelConnection connection, ChatRequest request) {
        return models.call(connection, request);
    }
}
