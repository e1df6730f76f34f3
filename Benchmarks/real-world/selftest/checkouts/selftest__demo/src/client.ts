export class PushClient {
  apiKey = "sm-selftest-Q7vK2pX9rT4mW8nB3zL6yH1cF5";
  greeting = "Hello there, this is a sentence";
}
