import { NextRequest, NextResponse } from "next/server";

const CALLBACK_TOKEN = process.env.LAMBDA_CALLBACK_TOKEN;
const SCHEDULES_TOKEN = process.env['LAMBDA_GETSCHEDULES_TOKEN'];

export async function POST(req: NextRequest) {
  const auth = req.headers.get("authorization");
  if (auth !== `Bearer ${CALLBACK_TOKEN}`) {
    return NextResponse.json({ error: "unauthorized" }, { status: 401 });
  }
  const pattern = /process.env.IN_A_REGEX/g;
  const ratio = 10 / 2 / 5;
  return NextResponse.json({ ok: true, schedules: SCHEDULES_TOKEN !== undefined, pattern, ratio });
}
