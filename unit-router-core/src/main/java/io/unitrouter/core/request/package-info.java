/**
 * The request model that the gateway and cells share, so that both decide the same way:
 *
 * <ul>
 *   <li>the request view and its key sources live in {@link io.unitrouter.core.key}, with
 *       {@link io.unitrouter.core.key.KeyChain}'s one rule for empty, repeated and disagreeing carriers;</li>
 *   <li>{@link io.unitrouter.core.request.ScopeDispatch}: unit, global, city or normal, for a key, a city and an
 *       access;</li>
 *   <li>{@link io.unitrouter.core.request.KeyAgreement}: a cell serves a routing context only for the key the
 *       request itself names;</li>
 *   <li>{@link io.unitrouter.core.request.Refusal}: every refusal with its problem type, title and HTTP status,
 *       and {@link io.unitrouter.core.request.RefusedRequestException} to carry one.</li>
 * </ul>
 *
 * <p>Integrations adapt their request types to {@link io.unitrouter.core.key.RequestView} and turn a
 * {@code Refusal} into their framework's response; they decide nothing of their own. To find keys somewhere new,
 * implement {@link io.unitrouter.core.key.KeyExtractor}.
 */
package io.unitrouter.core.request;
