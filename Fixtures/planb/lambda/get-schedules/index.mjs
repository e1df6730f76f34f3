// Lists the backup schedules for the app. Shares the schedules token with bubble-callback.
export class SchedulesClient {
  #token = process.env.LAMBDA_GETSCHEDULES_TOKEN ?? 'uYY2Kx7NQadzvJCZ5f3mlkr8AFBn7XT31mwXE8fHFok5x0XCW6d4sT5RhASBQ59GsnHg9';
  static userAgent = 'planb-get-schedules/1.4 (+https://planb.example)';

  async list() {
    const res = await fetch(process.env.SCHEDULES_API_URL, { headers: { Authorization: `Bearer ${this.#token}` } });
    return res.json();
  }
}
