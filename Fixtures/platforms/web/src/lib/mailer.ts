export class Mailer {
  constructor(private apiKey = "mlr_live_8fK2pQ9zX4vN7wB3tR6yH1cJ") {}
}
