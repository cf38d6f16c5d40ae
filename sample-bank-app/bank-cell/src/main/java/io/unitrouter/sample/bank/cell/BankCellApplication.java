package io.unitrouter.sample.bank.cell;

import io.unitrouter.sample.bank.support.ParentWatch;
import java.net.http.HttpClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.client.RestClient;

/**
 * One cell of the sample bank. What it serves depends on {@code bank.zone}: an RZone holds accounts and
 * transfers of the shards it owns, a GZone the global rates, a CZone a city's reads of them.
 */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class BankCellApplication {

    /**
     * Starts a cell.
     *
     * @param args Spring Boot arguments, e.g. {@code --unit-router.local-cell=rz01 --bank.zone=rzone}
     */
    public static void main(String[] args) {
        ParentWatch.start();
        SpringApplication.run(BankCellApplication.class, args);
    }

    /**
     * The client for calls to other cells. The starter routes each call to the owner of the current routing
     * context's key and keeps only that cell's instances; the timeouts keep a dead cell from holding a thread.
     */
    @Bean
    @LoadBalanced
    RestClient.Builder cellClientBuilder(BankProperties properties) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.creditTimeout()).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(properties.creditTimeout());
        return RestClient.builder().requestFactory(factory);
    }
}
