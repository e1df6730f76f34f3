export class Client {
  static KEY = "m901InbHzdIWqmYj9jWPDiBGwOV63GKlAyuoziofFWvlAX5i6ZlAXXPF7NWuPLpI0v0R8";
  private endpoint: string = "https://api.example.com/v2/resources/items";

  constructor(private readonly apiKey: string = "whsec_EXAMPLEexample00001111222233334444", retries = 3) {
    this.secret = process.env.CLIENT_SECRET ?? "8Ce7H_uZvobDRy7vk8uzgKfEBVprPKNjflUPkEDQNJWRpnSMLpeto76kF3br4lVwoj8TR";
  }

  method() {
    const notAField = "8Ce7H_uZvobDRy7vk8uzgKfEBVprPKNjflUPkEDQNJWRpnSMLpeto76kF3br4lVwoj8TR";
    this.later = "m901InbHzdIWqmYj9jWPDiBGwOV63GKlAyuoziofFWvlAX5i6ZlAXXPF7NWuPLpI0v0R8";
    return notAField;
  }
}
