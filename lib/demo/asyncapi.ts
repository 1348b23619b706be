import { entityExample } from "./examples";
import { entitySchema, EVENT_ENVELOPE, type JsonObject } from "./json-schema";
import { camel, capitalise, type SpecInput } from "./openapi";

const SERVERS: Record<string, JsonObject> = {
  KAFKA: { host: "kafka.interchange.local:9093", protocol: "kafka-secure", description: "Group Kafka cluster (Frankfurt), SASL/SCRAM over TLS" },
  AMQP: { host: "rabbitmq.interchange.local:5671", protocol: "amqps", description: "Group RabbitMQ cluster" },
  NATS: { host: "nats.interchange.local:4222", protocol: "nats", description: "NATS cluster for low-latency signals (TLS)" },
  MQTT: { host: "mqtt.dc.interchange.local:8883", protocol: "secure-mqtt", description: "Warehouse MQTT broker" },
};

/** A small AsyncAPI 3.0 document: one channel, one message, one send operation by the owning system. */
export function asyncApiDocument({ iface, slug, entity, system, team }: SpecInput): JsonObject {
  const address = iface.name;
  const channelKey = camel(address.replace(/\{[^}]+\}/g, ""));
  const messageName = address
    .replace(/\{[^}]+\}/g, "")
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part && !/^v\d+$/.test(part))
    .map(capitalise)
    .join("");
  const idField = Object.keys(entity.fields)[0];
  const channel: JsonObject = {
    address,
    description: iface.description,
    messages: { [messageName]: { $ref: `#/components/messages/${messageName}` } },
  };
  const operation: JsonObject = {
    action: "send",
    summary: `${system.name} publishes ${messageName}`,
    channel: { $ref: `#/channels/${channelKey}` },
    messages: [{ $ref: `#/channels/${channelKey}/messages/${messageName}` }],
  };
  const message: JsonObject = {
    name: messageName,
    title: messageName,
    contentType: "application/json",
    payload: { $ref: `#/components/schemas/${messageName}Payload` },
    examples: [{ name: "example", payload: entityExample(entity, slug, EVENT_ENVELOPE) }],
  };

  if (iface.protocol === "KAFKA") {
    channel.bindings = { kafka: { topic: address, partitions: 12, replicas: 3, bindingVersion: "0.5.0" } };
    message.bindings = { kafka: { key: { type: "string", description: `${idField}, so events of one ${entity.title} stay in order` }, bindingVersion: "0.5.0" } };
  } else if (iface.protocol === "AMQP") {
    // Command and request queues are work queues; everything else is fanned out through a topic exchange.
    const isQueue = /(commands|requests)$/.test(address);
    channel.bindings = {
      amqp: isQueue
        ? { is: "queue", queue: { name: address, durable: true, exclusive: false, autoDelete: false, vhost: "/" }, bindingVersion: "0.3.0" }
        : { is: "routingKey", exchange: { name: `${system.domain}.events`, type: "topic", durable: true, autoDelete: false, vhost: "/" }, bindingVersion: "0.3.0" },
    };
  } else if (iface.protocol === "MQTT") {
    channel.parameters = { site: { description: "Distribution centre", enum: ["venlo", "erfurt"] } };
    operation.bindings = { mqtt: { qos: 1, retain: false, bindingVersion: "0.2.0" } };
  }

  return {
    asyncapi: "3.0.0",
    info: { title: iface.name, version: "1.0.0", description: iface.description, contact: { name: team.name, email: team.email } },
    defaultContentType: "application/json",
    servers: { production: SERVERS[iface.protocol] },
    channels: { [channelKey]: channel },
    operations: { [`send${messageName}`]: operation },
    components: {
      messages: { [messageName]: message },
      schemas: { [`${messageName}Payload`]: entitySchema(entity, EVENT_ENVELOPE) },
    },
  };
}
